import {
  type BackgroundFetchEvent,
  type BackgroundFetchRegistration,
  type BackgroundFetchServiceWorkerEventMap,
  type FetchOutcomeMessage,
  OUTCOME_CHANNEL_NAME,
} from '@bgfetch/core';

/**
 * The least service worker the native engine needs: it checks each record's stored length against its
 * `Content-Length` and posts the verdict to the pages, as `@bgfetch/sw` will do for real (with storage and
 * integrity). Without a verdict a native success never settles in the store (see `trustSuccess`).
 */

// The e2e program is typed with the DOM lib, which cannot be combined with the webworker lib in one program:
// the little of ServiceWorkerGlobalScope used here is declared locally.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface ServiceWorkerScope {
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener<K extends keyof BackgroundFetchServiceWorkerEventMap>(
    type: K,
    listener: (event: BackgroundFetchServiceWorkerEventMap[K]) => void,
  ): void;
}
const worker = self as unknown as ServiceWorkerScope;

worker.addEventListener('install', (event) => event.waitUntil(worker.skipWaiting()));
worker.addEventListener('activate', (event) => event.waitUntil(worker.clients.claim()));

const channel = new BroadcastChannel(OUTCOME_CHANNEL_NAME);

function post(
  registration: BackgroundFetchRegistration,
  verdict: Pick<FetchOutcomeMessage['registration'], 'result' | 'failureReason'>,
) {
  const { id, uploadTotal, uploaded, downloadTotal, downloaded, recordsAvailable } = registration;
  const message: FetchOutcomeMessage = {
    type: 'bgfetch:outcome',
    engine: 'native',
    registration: { id, uploadTotal, uploaded, downloadTotal, downloaded, recordsAvailable, ...verdict },
  };
  channel.postMessage(message);
}

/** Every record whole: its body as long as its `Content-Length` says. */
async function recordsAreWhole(registration: BackgroundFetchRegistration): Promise<boolean> {
  const records = await registration.matchAll();
  const lengths = await Promise.all(
    records.map(async (record) => {
      const response = await record.responseReady;
      const expected = response.headers.get('Content-Length');
      const body = await response.arrayBuffer();
      return expected === null || Number(expected) === body.byteLength;
    }),
  );
  return lengths.every(Boolean);
}

async function verifySuccess(event: BackgroundFetchEvent) {
  const whole = await recordsAreWhole(event.registration);
  post(
    event.registration,
    whole ? { result: 'success', failureReason: '' } : { result: 'failure', failureReason: 'fetch-error' },
  );
}

worker.addEventListener('backgroundfetchsuccess', (event) => event.waitUntil(verifySuccess(event)));
worker.addEventListener('backgroundfetchfail', (event) => {
  post(event.registration, { result: 'failure', failureReason: event.registration.failureReason });
});
worker.addEventListener('backgroundfetchabort', (event) => {
  post(event.registration, { result: 'failure', failureReason: 'aborted' });
});
