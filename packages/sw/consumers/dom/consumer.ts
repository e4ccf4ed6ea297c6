// A page compiled with the DOM lib (no WebWorker types) imports @bgfetch/sw: its declarations must typecheck here.
import { createBackgroundFetch } from '@bgfetch/core';
import {
  applyStoredOutcomes,
  type BackgroundFetchOutcome,
  getFetchResponses,
  getStoredFetch,
  type HandleBackgroundFetchOptions,
} from '@bgfetch/sw';

const client = createBackgroundFetch({ serviceWorker: navigator.serviceWorker.ready });
const applied: Promise<BackgroundFetchOutcome[]> = applyStoredOutcomes(client, { cacheName: 'media' });
const responses: Promise<{ url: string; response: Response }[]> = getFetchResponses('episode-42');
const entry = getStoredFetch('episode-42').then((stored) => stored?.outcome?.records[0]?.problem);
const options: HandleBackgroundFetchOptions = { cacheName: 'media', clickUrl: '/downloads' };

export { applied, entry, options, responses };
