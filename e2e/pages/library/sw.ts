import { handleBackgroundFetch, serveStoredFetches } from '@bgfetch/sw';
import { setUpTestWorker } from '../sw/worker-scope';

/**
 * The library page's service worker: what an app needs for stored downloads that play offline, plus a note of
 * every `Range` request it sees (the page asks for them with a `'ranges'` message), to show what a media element
 * asked of it.
 */

interface FetchEvent extends Event {
  readonly request: Request;
}
interface LibraryWorkerScope {
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}
const worker = self as unknown as LibraryWorkerScope;

setUpTestWorker();

const ranges: string[] = [];
// First, and it does not answer: the requests go on to the kit's handler.
worker.addEventListener('fetch', ({ request }) => {
  const range = request.headers.get('Range');
  if (range !== null) ranges.push(`${new URL(request.url).pathname} ${range}`);
});
worker.addEventListener('message', (event) => {
  if (event.data === 'ranges') event.ports[0]?.postMessage(ranges);
});

// Stores every finished download in the records cache, for both engines.
handleBackgroundFetch();
// Answers requests for stored URLs from the records cache (Range → 206/416), the rest from the network.
serveStoredFetches();
