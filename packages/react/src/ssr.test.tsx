// @vitest-environment node
import { createBackgroundFetch } from '@bgfetch/core';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BackgroundFetchDevtools } from './devtools/index.js';
import {
  BackgroundFetchProvider,
  DownloadButton,
  FetchCancelButton,
  FetchList,
  FetchPauseButton,
  FetchProgress,
  FetchRetryButton,
  FetchStatus,
  useBackgroundFetch,
} from './index.js';

function Capabilities() {
  const { ready, supported, engine, ids } = useBackgroundFetch();
  return <p>{JSON.stringify({ ready, supported, engine: engine ?? null, ids })}</p>;
}

describe('server rendering', () => {
  it('renders with no browser globals', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    const html = renderToString(
      <BackgroundFetchProvider options={{ engine: 'auto' }}>
        <Capabilities />
        <DownloadButton fetchId="ep1" requests="https://cdn.example/1.mp3" options={{ title: 'Episode 1' }} />
        <FetchProgress fetchId="ep1" />
        <FetchProgress label="Static" downloaded={1} downloadTotal={2} status="fetching" />
        <FetchStatus fetchId="ep1" />
        <FetchCancelButton fetchId="ep1" />
        <FetchPauseButton fetchId="ep1" />
        <FetchRetryButton fetchId="ep1" />
        <FetchList />
        <BackgroundFetchDevtools enabled />
      </BackgroundFetchProvider>,
    );
    expect(html).toContain(
      '{&quot;ready&quot;:false,&quot;supported&quot;:false,&quot;engine&quot;:null,&quot;ids&quot;:[]}',
    );
    expect(html).toContain('aria-label="Download Episode 1"');
    expect(html).toContain('aria-valuetext="1 B of 2 B (50%)"');
    expect(html).toContain('No downloads');
  });

  it('shows the empty initial state even when the client already has registrations (hydration matches)', async () => {
    const client = createBackgroundFetch({ engine: 'fallback' });
    client.store.setState({
      registrations: {
        ep1: {
          id: 'ep1',
          uploadTotal: 0,
          uploaded: 0,
          downloadTotal: 10,
          downloaded: 5,
          result: '',
          failureReason: '',
          recordsAvailable: true,
          engine: 'fallback',
          status: 'fetching',
          title: 'Episode 1',
          requests: [],
          startedAt: 1,
          updatedAt: 1,
        },
      },
    });
    const html = renderToString(
      <BackgroundFetchProvider client={client}>
        <FetchProgress fetchId="ep1" />
      </BackgroundFetchProvider>,
    );
    expect(html).toBe('');
    client.dispose();
  });
});
