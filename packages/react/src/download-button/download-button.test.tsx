import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackgroundFetchProvider } from '../provider/index.js';
import { disposeTestClients, snapshotIn, testClient } from '../testing/test-client.js';
import { DownloadButton } from './download-button.js';

afterEach(() => {
  cleanup();
  disposeTestClients();
});

const url = 'https://cdn.example/12.mp3';

describe('DownloadButton', () => {
  it('goes idle → running (progress, pause, cancel) → cancelled → idle, keeping the focus', async () => {
    const { client, engine, update } = await testClient({ canPause: true });
    const { container } = render(
      <BackgroundFetchProvider client={client}>
        <DownloadButton
          fetchId="ep12"
          requests={url}
          options={{ title: 'Episode 12', downloadTotal: 60_000_000 }}
        />
      </BackgroundFetchProvider>,
    );
    const root = container.firstElementChild;
    expect(root).toHaveAttribute('data-state', 'idle');
    const start = screen.getByRole('button', { name: 'Download Episode 12' });
    start.focus();
    await act(async () => fireEvent.click(start));
    expect(engine.started.map((job) => job.id)).toEqual(['ep12']);
    expect(root).toHaveAttribute('data-state', 'pending');

    update('ep12', { status: 'fetching', downloadTotal: 60_000_000, downloaded: 12_300_000 });
    expect(screen.getByRole('progressbar', { name: 'Episode 12' })).toHaveAttribute(
      'aria-valuetext',
      '12.3 MB of 60 MB (20%)',
    );
    const cancel = screen.getByRole('button', { name: 'Cancel download of Episode 12' });
    expect(cancel).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Pause download of Episode 12' })).toBeEnabled();

    await act(async () => fireEvent.click(cancel));
    expect(engine.aborted).toEqual(['ep12']);
    update('ep12', { status: 'aborted', result: 'failure', failureReason: 'aborted' });
    expect(root).toHaveAttribute('data-state', 'idle');
    expect(screen.getByRole('button', { name: 'Download Episode 12' })).toHaveFocus();
  });

  it('shows why when paused or offline, and has no pause button on an engine that cannot', async () => {
    const { client, report, update } = await testClient({ kind: 'native', canPause: false });
    report(snapshotIn('ep1', 'fetching', { engine: 'native', title: 'Episode 1' }));
    render(<DownloadButton fetchId="ep1" requests={url} client={client} />);
    expect(screen.queryByRole('button', { name: /Pause/ })).not.toBeInTheDocument();
    update('ep1', { status: 'offline' });
    expect(screen.getByRole('status')).toHaveTextContent('Offline');
  });

  it('shows a queued fetch’s place and priority, and why it is paused', async () => {
    const { client, report, update } = await testClient();
    report(snapshotIn('ep1', 'pending', { priority: 'high', queuePosition: 2 }));
    const { container } = render(<DownloadButton fetchId="ep1" requests={url} client={client} />);
    expect(container.firstElementChild).toHaveAttribute('data-state', 'pending');
    expect(screen.getByRole('status')).toHaveTextContent('Queued (2nd, high priority)');
    update('ep1', { status: 'fetching', queuePosition: undefined });
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    update('ep1', { status: 'paused', pauseReason: 'metered-network' });
    expect(screen.getByRole('status')).toHaveTextContent('Paused on a metered network');
  });

  it('offers Open when done and hands the registration to onOpen', async () => {
    const { client, report } = await testClient();
    report(snapshotIn('ep1', 'success', { title: 'Episode 1' }));
    const onOpen = vi.fn();
    render(<DownloadButton fetchId="ep1" requests={url} client={client} onOpen={onOpen} />);
    fireEvent.click(screen.getByRole('button', { name: 'Open Episode 1' }));
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'ep1', status: 'success' }));
  });

  it('says "Downloaded" when done without onOpen', async () => {
    const { client, report } = await testClient();
    report(snapshotIn('ep1', 'success'));
    render(<DownloadButton fetchId="ep1" requests={url} client={client} />);
    expect(screen.getByRole('status')).toHaveTextContent('Downloaded');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows the failure and retries with the same requests', async () => {
    const { client, engine, update } = await testClient();
    render(<DownloadButton fetchId="ep1" requests={url} options={{ title: 'Episode 1' }} client={client} />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Download Episode 1' })));
    update('ep1', { status: 'failure', result: 'failure', failureReason: 'quota-exceeded' });
    expect(screen.getByRole('status')).toHaveTextContent('not enough storage space');
    await act(async () =>
      fireEvent.click(screen.getByRole('button', { name: 'Retry download of Episode 1' })),
    );
    expect(engine.started).toHaveLength(2);
  });

  it('hands a refused start to onError and stays idle', async () => {
    const { client } = await testClient();
    const onError = vi.fn();
    render(
      <DownloadButton fetchId="ep1" requests="http://insecure.example/a" client={client} onError={onError} />,
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Download ep1' })));
    expect(onError).toHaveBeenCalledWith(expect.any(TypeError));
    expect(screen.getByRole('button', { name: 'Download ep1' })).toBeInTheDocument();
  });

  it('takes localised labels', async () => {
    const { client } = await testClient();
    render(
      <DownloadButton
        fetchId="ep1"
        requests={url}
        options={{ title: 'Folge 1' }}
        client={client}
        labels={{ download: 'Laden', downloadName: (title) => `${title} laden` }}
      />,
    );
    expect(screen.getByRole('button', { name: 'Folge 1 laden' })).toHaveTextContent('Laden');
  });

  it('shows a start that failed, keeps "Download" focused for another try, and still reports the error', async () => {
    const { client } = await testClient();
    const onError = vi.fn();
    const { container } = render(
      <DownloadButton
        fetchId="ep1"
        requests={[]}
        options={{ title: 'Episode 1' }}
        client={client}
        onError={onError}
      />,
    );
    const start = screen.getByRole('button', { name: 'Download Episode 1' });
    start.focus();
    await act(async () => fireEvent.click(start));
    expect(container.firstElementChild).toHaveAttribute('data-state', 'start-failed');
    expect(screen.getByRole('alert')).toHaveTextContent(/^Could not start the download: TypeError: .+/);
    expect(onError).toHaveBeenCalledOnce();
    expect(screen.getByRole('button', { name: 'Download Episode 1' })).toHaveFocus();
  });

  it('clears the error when a later press starts the fetch', async () => {
    const { client, engine } = await testClient();
    const { container, rerender } = render(
      <DownloadButton fetchId="ep1" requests={[]} client={client} onError={() => {}} />,
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Download ep1' })));
    expect(screen.getByRole('alert')).toBeInTheDocument();
    rerender(<DownloadButton fetchId="ep1" requests={url} client={client} onError={() => {}} />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Download ep1' })));
    expect(engine.started.map((job) => job.id)).toEqual(['ep1']);
    expect(container.firstElementChild).toHaveAttribute('data-state', 'pending');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
