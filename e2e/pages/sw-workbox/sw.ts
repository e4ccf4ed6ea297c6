import { DEFAULT_RECORDS_CACHE } from '@bgfetch/core';
import { handleBackgroundFetch } from '@bgfetch/sw';
import { registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { setUpTestWorker } from '../sw/worker-scope';

/**
 * A service worker built on Workbox routes, with the kit's handlers added: they compose because importing
 * @bgfetch/sw does nothing and `handleBackgroundFetch()` only adds the four Background Fetch listeners (and the
 * bridge's `message` listener). Downloaded media is then served offline by a Workbox route from the records cache.
 */

setUpTestWorker();

// Offline media: what the Background Fetch handlers stored, read first; this route never writes to that cache.
registerRoute(
  ({ url }) => url.pathname.includes('/files/'),
  new CacheFirst({ cacheName: DEFAULT_RECORDS_CACHE, plugins: [{ cacheWillUpdate: async () => null }] }),
);
// The app shell, as an app would route it.
registerRoute(({ request }) => request.mode === 'navigate', new NetworkFirst({ cacheName: 'app-shell' }));

handleBackgroundFetch();
