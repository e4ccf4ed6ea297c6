// A service worker compiled with the WebWorker lib: `self` is the ServiceWorkerGlobalScope and the four events are
// in its event map.
import { handleBackgroundFetch, saveRecords, updateUI } from '@bgfetch/sw';

declare const self: ServiceWorkerGlobalScope;

handleBackgroundFetch({
  cacheName: 'media',
  onSuccess: (event, outcome) => updateUI(event, { title: `${outcome.records.length} files ready` }),
});

self.addEventListener('backgroundfetchsuccess', (event) => {
  const available: boolean = event.registration.recordsAvailable;
  event.waitUntil(
    saveRecords(event.registration, 'media').then(() => event.updateUI({ title: `${available}` })),
  );
});
self.addEventListener('backgroundfetchfail', (event) => {
  const reason: '' | 'aborted' | 'bad-status' | 'fetch-error' | 'quota-exceeded' | 'download-total-exceeded' =
    event.registration.failureReason;
  event.waitUntil(updateUI(event, { title: reason }));
});
self.addEventListener('backgroundfetchabort', (event) => {
  // @ts-expect-error abort events have no updateUI
  event.updateUI({ title: 'no' });
});
self.addEventListener('backgroundfetchclick', (event) => {
  event.waitUntil(self.clients.openWindow(`/downloads/${event.registration.id}`));
});
// The WebWorker lib's own events are still there.
self.addEventListener('install', (event) => event.waitUntil(self.skipWaiting()));
