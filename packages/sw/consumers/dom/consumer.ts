// A page compiled with the DOM lib (no WebWorker types) imports @bgfetch/sw: its declarations must typecheck here.
import { createBackgroundFetch } from '@bgfetch/core';
import {
  type BackgroundFetchOutcome,
  getFetchResponses,
  getStoredFetch,
  getStoredOutcomes,
  type HandleBackgroundFetchOptions,
} from '@bgfetch/sw';

const client = createBackgroundFetch({ serviceWorker: navigator.serviceWorker.ready, cacheName: 'media' });
const applied: Promise<BackgroundFetchOutcome[]> = client.ready.then(() =>
  getStoredOutcomes({ cacheName: 'media' }),
);
const responses: Promise<{ url: string; response: Response }[]> = getFetchResponses('episode-42');
const entry = getStoredFetch('episode-42').then((stored) => stored?.outcome?.records[0]?.problem);
const options: HandleBackgroundFetchOptions = { cacheName: 'media', clickUrl: '/downloads' };

export { applied, entry, options, responses };
