import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { disposeTestClients, snapshotIn, testClient } from '../testing/test-client.js';
import { FetchList } from './fetch-list.js';

afterEach(() => {
  cleanup();
  disposeTestClients();
});

describe('FetchList', () => {
  it('says so when there is nothing', async () => {
    const { client } = await testClient();
    render(<FetchList client={client} empty="Nothing downloaded yet" />);
    expect(screen.getByText('Nothing downloaded yet')).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('lists every registration newest first, each with its bar, status and buttons', async () => {
    const { client, report } = await testClient();
    report(
      snapshotIn('old', 'success', { title: 'Old', startedAt: 1 }),
      snapshotIn('new', 'fetching', { title: 'New', startedAt: 3, downloadTotal: 10, downloaded: 5 }),
      snapshotIn('mid', 'failure', { title: 'Mid', startedAt: 2, failureReason: 'fetch-error' }),
    );
    render(<FetchList client={client} />);
    const list = screen.getByRole('list', { name: 'Downloads' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.dataset.state)).toEqual(['fetching', 'failure', 'success']);
    const first = items[0]!;
    expect(within(first).getByRole('progressbar', { name: 'New' })).toHaveAttribute(
      'aria-valuetext',
      '5 B of 10 B (50%)',
    );
    expect(within(first).getByRole('status')).toHaveTextContent('Downloading');
    expect(within(first).getByRole('button', { name: 'Cancel download of New' })).toBeEnabled();
    expect(within(first).getByRole('button', { name: 'Pause download of New' })).toBeEnabled();
    expect(within(items[1]!).getByRole('status')).toHaveTextContent('the network or the file');
  });

  it('shows each item’s place in the queue and why it is paused', async () => {
    const { client, report } = await testClient();
    report(
      snapshotIn('queued', 'pending', { startedAt: 2, priority: 'low', queuePosition: 1 }),
      snapshotIn('metered', 'paused', { startedAt: 1, pauseReason: 'metered-network' }),
    );
    render(<FetchList client={client} />);
    expect(screen.getAllByRole('status').map((status) => status.textContent)).toEqual([
      'Queued (1st, low priority)',
      'Paused on a metered network: resumes on Wi-Fi',
    ]);
  });

  it('renders items with renderItem', async () => {
    const { client, report } = await testClient();
    report(snapshotIn('a', 'fetching'));
    render(<FetchList client={client} renderItem={(id) => <span>item {id}</span>} />);
    expect(screen.getByRole('listitem')).toHaveTextContent('item a');
  });
});
