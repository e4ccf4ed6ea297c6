import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useBackgroundFetch } from '../hooks/index.js';
import { disposeTestClients, snapshotIn, testClient } from '../testing/test-client.js';
import { FetchRetryButton } from './fetch-retry-button.js';

afterEach(() => {
  cleanup();
  disposeTestClients();
});

describe('FetchRetryButton', () => {
  it.each([
    ['failure', 'bad-status'],
    ['aborted', 'aborted'],
  ] as const)('starts a %s fetch again with its requests', async (status, failureReason) => {
    const { client, engine, update } = await testClient();
    const { result } = renderHook(() => useBackgroundFetch(client));
    await act(() => result.current.fetch('ep1', 'https://cdn.example/1.mp3', { title: 'Episode 1' }));
    update('ep1', { status, result: 'failure', failureReason });
    render(<FetchRetryButton fetchId="ep1" client={client} />);
    const button = screen.getByRole('button', { name: 'Retry download of Episode 1' });
    expect(button).toHaveTextContent('Retry');
    expect(button).toBeEnabled();
    await act(async () => fireEvent.click(button));
    expect(engine.started).toHaveLength(2);
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute('data-state', 'pending');
  });

  it.each(['pending', 'fetching', 'paused', 'offline', 'success'] as const)(
    'is disabled while %s',
    async (status) => {
      const { client, report } = await testClient();
      report(snapshotIn('ep1', status));
      render(<FetchRetryButton fetchId="ep1" client={client} />);
      expect(screen.getByRole('button')).toBeDisabled();
    },
  );

  it('is disabled for a failed fetch this page did not start (its requests are unknown)', async () => {
    const { client, report } = await testClient();
    report(snapshotIn('ep1', 'failure'));
    render(<FetchRetryButton fetchId="ep1" client={client} />);
    expect(screen.getByRole('button', { name: 'Retry download of Episode ep1' })).toBeDisabled();
  });
});
