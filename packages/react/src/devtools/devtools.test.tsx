import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { disposeTestClients, snapshotIn, testClient } from '../testing/test-client.js';
import { BackgroundFetchDevtools } from './devtools.js';

afterEach(() => {
  cleanup();
  disposeTestClients();
  vi.unstubAllEnvs();
});

describe('BackgroundFetchDevtools', () => {
  it('opens from its toggle and lists every registration with engine, status, bytes, rate, records and actions', async () => {
    const { client, engine, report } = await testClient();
    report(
      snapshotIn('a', 'fetching', {
        title: 'Episode A',
        startedAt: 2,
        downloadTotal: 2_000_000,
        downloaded: 1_000_000,
        requests: [
          {
            url: 'https://cdn.example/a.mp3',
            method: 'GET',
            downloaded: 1_000_000,
            downloadTotal: null,
            status: 200,
          },
          {
            url: 'https://cdn.example/a.txt',
            method: 'GET',
            downloaded: 0,
            downloadTotal: null,
            status: 200,
            resumable: false,
          },
        ],
      }),
      snapshotIn('b', 'failure', { startedAt: 1, failureReason: 'quota-exceeded', recordsAvailable: false }),
    );
    render(<BackgroundFetchDevtools client={client} />);
    const toggle = screen.getByRole('button', { name: 'Background fetch devtools' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const panel = screen.getByRole('region', { name: 'Background fetch devtools' });
    expect(toggle).toHaveAttribute('aria-controls', panel.id);
    await waitFor(() => expect(panel).toHaveTextContent('Next fetch: fallback (pause: yes'));

    const rows = within(panel).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.dataset.state)).toEqual(['fetching', 'failure']);
    const [first, second] = rows as [HTMLElement, HTMLElement];
    expect(first).toHaveTextContent('Episode A');
    expect(first).toHaveTextContent('fallback');
    expect(first).toHaveTextContent('1 MB of 2 MB (50%)');
    expect(first).toHaveTextContent('GET https://cdn.example/a.mp3: 1 MB');
    expect(first).not.toHaveTextContent('GET https://cdn.example/a.mp3: 1 MB · not resumable');
    expect(first).toHaveTextContent(
      'GET https://cdn.example/a.txt: 0 B · not resumable (a drop restarts it)',
    );
    expect(second).toHaveTextContent('failure (quota-exceeded)');
    expect(second).toHaveTextContent('none');
    await act(async () =>
      fireEvent.click(within(first).getByRole('button', { name: 'Cancel download of Episode A' })),
    );
    expect(engine.aborted).toEqual(['a']);
  });

  it('shows the queue place, priority and pause reason, and sets the priority where the engine has a queue', async () => {
    const { client, report, engine } = await testClient({ queue: true });
    report(
      snapshotIn('q', 'pending', { title: 'Queued one', startedAt: 2, priority: 'normal', queuePosition: 2 }),
      snapshotIn('m', 'paused', { startedAt: 1, priority: 'low', pauseReason: 'metered-network' }),
    );
    render(<BackgroundFetchDevtools client={client} initialIsOpen />);
    const panel = screen.getByRole('region', { name: 'Background fetch devtools' });
    await waitFor(() => expect(panel).toHaveTextContent('queue: yes'));
    const [queued, metered] = within(panel).getAllByRole('row').slice(1) as [HTMLElement, HTMLElement];
    expect(queued).toHaveTextContent('pending · place 2 in the queue · normal priority');
    expect(queued).toHaveTextContent('Queued (2nd)');
    expect(metered).toHaveTextContent('paused (metered-network) · low priority');
    expect(metered).toHaveTextContent('Paused on a metered network');
    await act(async () =>
      fireEvent.change(within(queued).getByRole('combobox', { name: 'Priority of Queued one' }), {
        target: { value: 'high' },
      }),
    );
    expect(engine.prioritised).toEqual([['q', 'high']]);
    expect(queued).toHaveTextContent('high priority');
  });

  it('is off in a production build unless enabled', async () => {
    const { client } = await testClient();
    vi.stubEnv('NODE_ENV', 'production');
    const { container } = render(<BackgroundFetchDevtools client={client} />);
    expect(container).toBeEmptyDOMElement();
    cleanup();
    render(<BackgroundFetchDevtools client={client} enabled initialIsOpen />);
    expect(screen.getByRole('region', { name: 'Background fetch devtools' })).toBeInTheDocument();
  });
});
