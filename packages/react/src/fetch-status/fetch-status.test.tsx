import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultLabels } from '../labels/index.js';
import { disposeTestClients, snapshotIn, testClient } from '../testing/test-client.js';
import { FetchStatus, getFetchStatusText } from './fetch-status.js';

afterEach(() => {
  cleanup();
  disposeTestClients();
});

describe('FetchStatus', () => {
  it.each([
    ['pending', '', 'Waiting to start'],
    ['fetching', '', 'Downloading'],
    ['saving', '', 'Saving…'],
    ['paused', '', 'Paused'],
    ['offline', '', 'Offline: resumes when the network is back'],
    ['success', '', 'Downloaded'],
    ['aborted', 'aborted', 'Cancelled'],
    ['failure', 'bad-status', 'Download failed: the server answered with an error'],
    ['failure', 'fetch-error', 'Download failed: the network or the file was not right'],
    ['failure', 'quota-exceeded', 'Download failed: not enough storage space'],
    ['failure', 'download-total-exceeded', 'Download failed: the file was larger than expected'],
  ] as const)('reads %s (%s) as "%s" in a status region', async (status, failureReason, text) => {
    const { client, report } = await testClient();
    report(snapshotIn('ep1', status, { failureReason }));
    render(<FetchStatus fetchId="ep1" client={client} />);
    const region = screen.getByRole('status');
    expect(region).toHaveTextContent(text);
    expect(region).toHaveAttribute('data-state', status);
    if (failureReason) expect(region).toHaveAttribute('data-failure-reason', failureReason);
    else expect(region).not.toHaveAttribute('data-failure-reason');
  });

  it('reads a queued fetch with its place in line, and says it in data-queue-position', async () => {
    const { client, report } = await testClient();
    report(snapshotIn('ep1', 'pending', { queuePosition: 2 }));
    render(<FetchStatus fetchId="ep1" client={client} />);
    expect(screen.getByRole('status')).toHaveTextContent('Queued (2nd)');
    expect(screen.getByRole('status')).toHaveAttribute('data-queue-position', '2');
    expect(
      [1, 3, 4, 11, 12, 13, 21, 22, 101].map((queuePosition) =>
        getFetchStatusText({ status: 'pending', failureReason: '', queuePosition }),
      ),
    ).toEqual([
      'Queued (1st)',
      'Queued (3rd)',
      'Queued (4th)',
      'Queued (11th)',
      'Queued (12th)',
      'Queued (13th)',
      'Queued (21st)',
      'Queued (22nd)',
      'Queued (101st)',
    ]);
    expect(
      getFetchStatusText(
        { status: 'pending', failureReason: '', queuePosition: 2 },
        { ...defaultLabels, queued: (n) => `En file (${n})` },
      ),
    ).toBe('En file (2)');
  });

  it('adds a queued fetch’s priority when it is not normal', () => {
    const queued = { status: 'pending', failureReason: '', queuePosition: 2 } as const;
    expect(getFetchStatusText({ ...queued, priority: 'normal' })).toBe('Queued (2nd)');
    expect(getFetchStatusText({ ...queued, priority: 'high' })).toBe('Queued (2nd, high priority)');
    expect(getFetchStatusText({ ...queued, priority: 'low' })).toBe('Queued (2nd, low priority)');
  });

  it('says why a fetch is paused when the engine paused it by itself, in data-pause-reason too', async () => {
    const { client, report } = await testClient();
    report(
      snapshotIn('metered', 'paused', { pauseReason: 'metered-network' }),
      snapshotIn('user', 'paused', { pauseReason: 'user' }),
      snapshotIn('stale', 'fetching', { pauseReason: 'user' }),
    );
    render(
      <>
        <FetchStatus fetchId="metered" client={client} />
        <FetchStatus fetchId="user" client={client} labels={{ status: { paused: 'En pause' } }} />
        <FetchStatus fetchId="stale" client={client} />
      </>,
    );
    const [metered, user, stale] = screen.getAllByRole('status') as [HTMLElement, HTMLElement, HTMLElement];
    expect(metered).toHaveTextContent('Paused on a metered network: resumes on Wi-Fi');
    expect(metered).toHaveAttribute('data-pause-reason', 'metered-network');
    // Paused by pause(): the status's own text, as localised.
    expect(user).toHaveTextContent(/^En pause$/);
    expect(user).toHaveAttribute('data-pause-reason', 'user');
    // A reason is only read while paused.
    expect(stale).toHaveTextContent('Downloading');
    expect(stale).not.toHaveAttribute('data-pause-reason');
    expect(
      getFetchStatusText(
        { status: 'paused', failureReason: '', pauseReason: 'metered-network' },
        { ...defaultLabels, pauseReason: { 'metered-network': 'En pause : réseau limité' } },
      ),
    ).toBe('En pause : réseau limité');
  });

  it('follows the store', async () => {
    const { client, report, update } = await testClient();
    report(snapshotIn('ep1', 'fetching'));
    render(<FetchStatus fetchId="ep1" client={client} />);
    update('ep1', { status: 'offline' });
    expect(screen.getByRole('status')).toHaveTextContent('Offline');
  });

  it('is localised through labels', async () => {
    const { client, report } = await testClient();
    report(snapshotIn('a', 'paused'), snapshotIn('b', 'failure', { failureReason: 'quota-exceeded' }));
    render(
      <>
        <FetchStatus fetchId="a" client={client} labels={{ status: { paused: 'En pause' } }} />
        <FetchStatus
          fetchId="b"
          client={client}
          labels={{ failure: { 'quota-exceeded': 'Plus de place' } }}
        />
      </>,
    );
    expect(screen.getAllByRole('status').map((region) => region.textContent)).toEqual([
      'En pause',
      'Plus de place',
    ]);
  });

  it('names the status and URL of a bad-status failure when a request tells them', () => {
    const request = { method: 'GET', downloaded: 0, downloadTotal: null };
    const snapshot = {
      status: 'failure',
      failureReason: 'bad-status',
      requests: [
        { ...request, url: 'https://cdn.example/art.svg', status: 200 },
        { ...request, url: 'https://cdn.example/ep.mp3', status: 404 },
      ],
    } as const;
    expect(getFetchStatusText(snapshot)).toBe('Download failed: 404 for https://cdn.example/ep.mp3');
    const french = {
      ...defaultLabels,
      badStatusOf: (status: number, url: string) => `Échec : ${status} (${url})`,
    };
    expect(getFetchStatusText(snapshot, french)).toBe('Échec : 404 (https://cdn.example/ep.mp3)');
    expect(getFetchStatusText({ ...snapshot, requests: [] })).toBe(
      'Download failed: the server answered with an error',
    );
  });

  it('renders nothing for an unknown id', async () => {
    const { client } = await testClient();
    const { container } = render(<FetchStatus fetchId="nope" client={client} />);
    expect(container).toBeEmptyDOMElement();
  });
});
