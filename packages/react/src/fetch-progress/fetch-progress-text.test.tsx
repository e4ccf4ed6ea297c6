import '@testing-library/jest-dom/vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackgroundFetchProvider } from '../provider/index.js';
import { disposeTestClients, snapshotIn, testClient } from '../testing/test-client.js';
import { FetchProgressIndicator, FetchProgressRoot } from './fetch-progress.js';
import { FetchProgressText, getFetchProgressText } from './fetch-progress-text.js';

afterEach(() => {
  cleanup();
  disposeTestClients();
  vi.useRealTimers();
});

describe('getFetchProgressText', () => {
  it('says bytes of total, then the rate and the time left when they are known', () => {
    const figures = {
      downloaded: 12_300_000,
      expectedBytes: 60_000_000,
      bytesPerSecond: 0,
      secondsLeft: undefined,
    };
    expect(getFetchProgressText(figures)).toBe('12.3 MB of 60 MB (20%)');
    expect(getFetchProgressText({ ...figures, bytesPerSecond: 2_100_000, secondsLeft: 25 })).toBe(
      '12.3 MB of 60 MB (20%) · 2.1 MB/s · 25 sec left',
    );
    expect(getFetchProgressText({ ...figures, expectedBytes: undefined })).toBe('12.3 MB downloaded');
  });
});

describe('FetchProgressText', () => {
  it('shows the registration as text, changing at most once per interval', async () => {
    const { client, report, update } = await testClient();
    report(snapshotIn('ep1', 'fetching', { downloaded: 0, downloadTotal: 60_000_000 }));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    render(
      <BackgroundFetchProvider client={client}>
        <FetchProgressText fetchId="ep1" intervalMs={500} />
      </BackgroundFetchProvider>,
    );
    const text = screen.getByText(/of 60 MB/);
    expect(text).toHaveTextContent('0 B of 60 MB (0%)');
    act(() => update('ep1', { downloaded: 6_000_000 }));
    act(() => update('ep1', { downloaded: 12_000_000 }));
    expect(text).toHaveTextContent(/^0 B of 60 MB \(0%\)$|^6 MB of 60 MB \(10%\)/);
    await act(async () => {
      vi.advanceTimersByTime(500);
    });
    expect(text).toHaveTextContent(/^12 MB of 60 MB \(20%\)/);
    expect(text).not.toHaveAttribute('role');
  });

  it('renders nothing for an unknown id', async () => {
    const { client } = await testClient();
    const { container } = render(<FetchProgressText fetchId="nope" client={client} />);
    expect(container).toBeEmptyDOMElement();
  });
});

describe('FetchProgressRoot and FetchProgressIndicator', () => {
  it('compose a bar with parts of your own between them', () => {
    render(
      <FetchProgressRoot label="Episode" downloaded={30} downloadTotal={60} status="fetching">
        <span>label part</span>
        <FetchProgressIndicator className="fill" />
      </FetchProgressRoot>,
    );
    const bar = screen.getByRole('progressbar', { name: 'Episode' });
    expect(bar).toHaveTextContent('label part');
    const indicator = bar.querySelector('.fill');
    expect(indicator).toHaveAttribute('data-state', 'fetching');
    expect(indicator).toHaveStyle({ transform: 'translateX(-50%)' });
  });

  it('refuses an indicator outside a root', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<FetchProgressIndicator />)).toThrow(/inside a FetchProgressRoot/);
  });
});
