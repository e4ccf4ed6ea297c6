import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { disposeTestClients, snapshotIn, testClient } from '../testing/test-client.js';
import { FetchPauseButton } from './fetch-pause-button.js';

afterEach(() => {
  cleanup();
  disposeTestClients();
});

describe('FetchPauseButton', () => {
  it('pauses a running fetch, and resumes it once paused', async () => {
    const { client, engine, report, update } = await testClient({ canPause: true });
    report(snapshotIn('ep1', 'fetching', { title: 'Episode 12' }));
    const resume = vi.spyOn(client, 'resume');
    render(<FetchPauseButton fetchId="ep1" client={client} />);
    const button = screen.getByRole('button', { name: 'Pause download of Episode 12' });
    expect(button).toHaveTextContent('Pause');
    expect(button).not.toHaveAttribute('aria-pressed');
    await act(async () => fireEvent.click(button));
    expect(engine.paused).toEqual(['ep1']);

    update('ep1', { status: 'paused' });
    expect(button).toHaveAccessibleName('Resume download of Episode 12');
    expect(button).toHaveTextContent('Resume');
    expect(button).toHaveAttribute('data-state', 'paused');
    await act(async () => fireEvent.click(button));
    expect(resume).toHaveBeenCalledWith('ep1');
  });

  it('is not rendered when the engine cannot pause', async () => {
    const { client, report } = await testClient({ kind: 'native', canPause: false });
    report(snapshotIn('ep1', 'fetching', { engine: 'native' }));
    const { container } = render(<FetchPauseButton fetchId="ep1" client={client} />);
    expect(container).toBeEmptyDOMElement();
  });

  it.each(['pending', 'fetching', 'paused', 'offline'] as const)('is enabled while %s', async (status) => {
    const { client, report } = await testClient();
    report(snapshotIn('ep1', status));
    render(<FetchPauseButton fetchId="ep1" client={client} />);
    expect(screen.getByRole('button')).toBeEnabled();
  });

  it.each(['saving', 'success', 'failure', 'aborted'] as const)('is disabled once %s', async (status) => {
    const { client, report } = await testClient();
    report(snapshotIn('ep1', status));
    render(<FetchPauseButton fetchId="ep1" client={client} />);
    expect(screen.getByRole('button')).toBeDisabled();
  });

  it('takes localised names and text', async () => {
    const { client, report, update } = await testClient();
    report(snapshotIn('ep1', 'fetching'));
    render(
      <FetchPauseButton
        fetchId="ep1"
        client={client}
        labels={{ pauseName: () => 'Mettre en pause', resumeName: () => 'Reprendre' }}
      >
        {(registration) => (registration.status === 'paused' ? '▶' : '⏸')}
      </FetchPauseButton>,
    );
    expect(screen.getByRole('button', { name: 'Mettre en pause' })).toHaveTextContent('⏸');
    update('ep1', { status: 'paused' });
    expect(screen.getByRole('button', { name: 'Reprendre' })).toHaveTextContent('▶');
  });
});
