import '@testing-library/jest-dom/vitest';
import type { FetchStatus } from '@bgfetch/core';
import { cleanup, render, screen } from '@testing-library/react';
import { createRef, Profiler } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundFetchProvider } from '../provider/index.js';
import { disposeTestClients, snapshotIn, testClient } from '../testing/test-client.js';
import { FetchProgress } from './fetch-progress.js';

afterEach(() => {
  cleanup();
  disposeTestClients();
});

const statuses: FetchStatus[] = [
  'pending',
  'fetching',
  'saving',
  'paused',
  'offline',
  'success',
  'failure',
  'aborted',
];

describe('FetchProgress', () => {
  it('is a named progressbar with the bytes as value text', () => {
    render(
      <FetchProgress
        label="Episode 12"
        downloaded={12_300_000}
        downloadTotal={60_000_000}
        status="fetching"
      />,
    );
    const bar = screen.getByRole('progressbar', { name: 'Episode 12' });
    expect(bar).toHaveAttribute('aria-valuetext', '12.3 MB of 60 MB (20%)');
    expect(bar).toHaveAttribute('aria-valuenow', '12300000');
    expect(bar).toHaveAttribute('aria-valuemin', '0');
    expect(bar).toHaveAttribute('aria-valuemax', '60000000');
    expect(bar).not.toHaveAttribute('data-indeterminate');
  });

  it('is indeterminate when the total is unknown (0)', () => {
    render(<FetchProgress label="Episode 12" downloaded={12_300_000} downloadTotal={0} status="fetching" />);
    const bar = screen.getByRole('progressbar', { name: 'Episode 12' });
    expect(bar).toHaveAttribute('aria-valuetext', '12.3 MB downloaded');
    expect(bar).not.toHaveAttribute('aria-valuenow');
    expect(bar).not.toHaveAttribute('aria-valuemax');
    expect(bar).toHaveAttribute('data-indeterminate', '');
    expect(bar.firstElementChild).toHaveAttribute('data-indeterminate', '');
  });

  it.each(statuses)('puts status %s in data-state on root and indicator', (status) => {
    render(<FetchProgress label="Episode" downloaded={1} downloadTotal={2} status={status} />);
    const bar = screen.getByRole('progressbar');
    expect(bar).toHaveAttribute('data-state', status);
    expect(bar.firstElementChild).toHaveAttribute('data-state', status);
  });

  it('shows 0% and 100%, and never more than 100%', () => {
    const { rerender } = render(
      <FetchProgress label="Episode" downloaded={0} downloadTotal={60_000_000} status="pending" />,
    );
    const bar = screen.getByRole('progressbar');
    expect(bar).toHaveAttribute('aria-valuetext', '0 B of 60 MB (0%), queued');
    expect(bar.firstElementChild).toHaveStyle({ transform: 'translateX(-100%)' });

    rerender(
      <FetchProgress label="Episode" downloaded={60_000_000} downloadTotal={60_000_000} status="success" />,
    );
    expect(bar).toHaveAttribute('aria-valuetext', '60 MB of 60 MB (100%)');
    expect(bar.firstElementChild).toHaveStyle({ transform: 'translateX(-0%)' });

    rerender(
      <FetchProgress label="Episode" downloaded={61_000_000} downloadTotal={60_000_000} status="failure" />,
    );
    expect(bar).toHaveAttribute('aria-valuetext', '61 MB of 60 MB (100%), failed');
    expect(bar).toHaveAttribute('aria-valuenow', '60000000');
  });

  it('rounds the percent down, so it reads 100% only when done', () => {
    render(
      <FetchProgress label="Episode" downloaded={59_999_999} downloadTotal={60_000_000} status="fetching" />,
    );
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuetext', '60 MB of 60 MB (99%)');
  });

  it('treats negative or non-finite numbers as 0 instead of throwing', () => {
    render(<FetchProgress label="Episode" downloaded={Number.NaN} downloadTotal={-5} status="fetching" />);
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuetext', '0 B downloaded');
  });

  it('passes aria-label and aria-labelledby through', () => {
    render(
      <>
        <span id="title">Artwork</span>
        <FetchProgress aria-labelledby="title" downloaded={1} downloadTotal={2} status="fetching" />
        <FetchProgress
          aria-label="Audio"
          label="ignored"
          downloaded={1}
          downloadTotal={2}
          status="fetching"
        />
      </>,
    );
    expect(screen.getByRole('progressbar', { name: 'Artwork' })).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Audio' })).toBeInTheDocument();
  });

  it('forwards the ref and other props to the root element', () => {
    const ref = createRef<HTMLDivElement>();
    render(
      <FetchProgress
        ref={ref}
        className="bar"
        indicatorClassName="fill"
        label="Episode"
        downloaded={1}
        downloadTotal={2}
        status="paused"
      />,
    );
    const bar = screen.getByRole('progressbar');
    expect(ref.current).toBe(bar);
    expect(bar).toHaveClass('bar');
    expect(bar.firstElementChild).toHaveClass('fill');
  });

  it('renders as its child with asChild and keeps the indicator inside', () => {
    const ref = createRef<HTMLDivElement>();
    render(
      <FetchProgress asChild ref={ref} label="Episode" downloaded={1} downloadTotal={4} status="fetching">
        <span className="custom">
          <span>decoration</span>
        </span>
      </FetchProgress>,
    );
    const bar = screen.getByRole('progressbar', { name: 'Episode' });
    expect(bar.tagName).toBe('SPAN');
    expect(bar).toHaveClass('custom');
    expect(ref.current).toBe(bar);
    expect(bar).toHaveAttribute('aria-valuetext', '1 B of 4 B (25%)');
    expect(bar.children).toHaveLength(2);
    expect(bar.lastElementChild).toHaveAttribute('data-state', 'fetching');
  });
});

describe('FetchProgress value text', () => {
  it.each([
    ['pending', '30 MB of 60 MB (50%), queued'],
    ['fetching', '30 MB of 60 MB (50%)'],
    ['paused', '30 MB of 60 MB (50%), paused'],
    ['offline', '30 MB of 60 MB (50%), waiting for the network'],
    ['success', '30 MB of 60 MB (50%)'],
    ['failure', '30 MB of 60 MB (50%), failed'],
    ['aborted', '30 MB of 60 MB (50%), cancelled'],
  ] as const)('says what %s means, not only the figures', (status, text) => {
    render(
      <FetchProgress label="Episode" downloaded={30_000_000} downloadTotal={60_000_000} status={status} />,
    );
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuetext', text);
  });

  it('is localised through labels, from the provider and its own', async () => {
    const { client } = await testClient();
    render(
      <BackgroundFetchProvider
        client={client}
        labels={{ locale: 'fr', progressStatus: { paused: ' (en pause)' } }}
      >
        <FetchProgress
          label="Épisode"
          downloaded={30_500_000}
          downloadTotal={60_000_000}
          status="paused"
          labels={{
            progress: ({ downloaded, total, percent }) => `${downloaded} sur ${total} (${percent} %)`,
          }}
        />
      </BackgroundFetchProvider>,
    );
    expect(screen.getByRole('progressbar', { name: 'Épisode' })).toHaveAttribute(
      'aria-valuetext',
      '30,5 MB sur 60 MB (50 %) (en pause)',
    );
  });
});

describe('FetchProgress connected to the store (fetchId)', () => {
  it('reads the registration, names the bar by its title and follows it', async () => {
    const { client, report, update } = await testClient();
    report(
      snapshotIn('ep1', 'fetching', {
        title: 'Episode 12',
        downloaded: 12_300_000,
        downloadTotal: 60_000_000,
      }),
    );
    render(
      <BackgroundFetchProvider client={client}>
        <FetchProgress fetchId="ep1" />
      </BackgroundFetchProvider>,
    );
    const bar = screen.getByRole('progressbar', { name: 'Episode 12' });
    expect(bar).toHaveAttribute('aria-valuetext', '12.3 MB of 60 MB (20%)');
    expect(bar).toHaveAttribute('data-state', 'fetching');

    update('ep1', { status: 'paused', downloaded: 30_000_000 });
    expect(bar).toHaveAttribute('aria-valuetext', '30 MB of 60 MB (50%), paused');
    expect(bar).toHaveAttribute('data-state', 'paused');
  });

  it("uses the responses' lengths when known, is indeterminate without a total, and names by id without a title", async () => {
    const { client, report } = await testClient();
    report(
      snapshotIn('known', 'fetching', {
        downloaded: 1_000,
        downloadTotal: 0,
        requests: [
          {
            url: 'https://cdn.example/a',
            method: 'GET',
            downloaded: 1_000,
            downloadTotal: 4_000,
            status: 200,
          },
        ],
      }),
      snapshotIn('unknown', 'fetching', { title: '', downloaded: 1_000, downloadTotal: 0 }),
    );
    render(
      <>
        <FetchProgress fetchId="known" client={client} />
        <FetchProgress fetchId="unknown" client={client} />
      </>,
    );
    expect(screen.getByRole('progressbar', { name: 'Episode known' })).toHaveAttribute(
      'aria-valuetext',
      '1 kB of 4 kB (25%)',
    );
    const indeterminate = screen.getByRole('progressbar', { name: 'unknown' });
    expect(indeterminate).toHaveAttribute('data-indeterminate', '');
    expect(indeterminate).toHaveAttribute('aria-valuetext', '1 kB downloaded');
  });

  it.each(statuses)('sets data-state %s from the store', async (status) => {
    const { client, report } = await testClient();
    report(snapshotIn('ep1', status, { downloadTotal: 10, downloaded: 5 }));
    render(<FetchProgress fetchId="ep1" client={client} label="Episode" />);
    expect(screen.getByRole('progressbar', { name: 'Episode' })).toHaveAttribute('data-state', status);
  });

  it('renders nothing for an unknown id', async () => {
    const { client } = await testClient();
    const { container } = render(<FetchProgress fetchId="nope" client={client} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('with 100 downloads ticking, one bar renders only for its own id', async () => {
    const { client, report, update } = await testClient();
    const ids = Array.from({ length: 100 }, (_, index) => `ep${index}`);
    report(...ids.map((id) => snapshotIn(id, 'fetching', { downloadTotal: 1_000_000 })));
    const commits: string[] = [];
    render(
      <BackgroundFetchProvider client={client}>
        {['ep0', 'ep42'].map((id) => (
          <Profiler key={id} id={id} onRender={(profiled) => commits.push(profiled)}>
            <FetchProgress fetchId={id} />
          </Profiler>
        ))}
      </BackgroundFetchProvider>,
    );
    commits.length = 0;
    // Ten ticks of every download, each tick one store write for all hundred (as the coalescing writer does).
    for (let tick = 1; tick <= 10; tick += 1) {
      const state = client.store.getState().registrations;
      report(...ids.map((id) => ({ ...state[id]!, downloaded: tick * 1_000, updatedAt: 1_000 + tick })));
    }
    expect(commits.filter((id) => id === 'ep42')).toHaveLength(10);
    expect(commits.filter((id) => id === 'ep0')).toHaveLength(10);
    commits.length = 0;
    for (let tick = 11; tick <= 20; tick += 1) {
      for (const id of ids.filter((other) => other !== 'ep42'))
        update(id, { downloaded: tick * 1_000, updatedAt: 1_000 + tick });
    }
    expect(commits.filter((id) => id === 'ep42')).toHaveLength(0);
    expect(commits.filter((id) => id === 'ep0')).toHaveLength(10);
    expect(screen.getByRole('progressbar', { name: 'Episode ep42' })).toHaveAttribute(
      'aria-valuetext',
      '10 kB of 1 MB (1%)',
    );
  });
});
