import type { BackgroundFetchEvent, BackgroundFetchRegistration } from '@bgfetch/core';
import { type FetchOutcomeMessage, OUTCOME_CHANNEL_NAME } from '@bgfetch/core/internal';
import { takeOverAtOnce, worker } from '../shared/worker-scope';

/**
 * The least service worker the native engine needs: it checks each record's stored length against its
 * `Content-Length` and posts the verdict to the pages, as `@bgfetch/sw` will do for real (with storage and
 * integrity). Without a verdict a native success never settles in the store (see `trustSuccess`).
 */

takeOverAtOnce();

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
