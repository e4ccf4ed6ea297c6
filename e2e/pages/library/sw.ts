import { handleBackgroundFetch, serveStoredFetches } from '@bgfetch/sw';
import { setUpTestWorker } from '../sw/worker-scope';

/** The library page's service worker: what an app's needs for stored downloads that play offline. */

setUpTestWorker();
// Stores every finished download in the records cache, for both engines.
handleBackgroundFetch();
// Answers requests for stored URLs from the records cache (Range → 206/416), the rest from the network.
serveStoredFetches();
