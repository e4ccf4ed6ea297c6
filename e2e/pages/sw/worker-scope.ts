/**
 * What the test service workers share. The e2e program is typed with the DOM lib, which cannot be combined with the
 * webworker lib in one program: the little of ServiceWorkerGlobalScope used here is declared locally.
 */
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface ServiceWorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
}

/**
 * Takes control at once (so a test page is controlled without a reload) and, for `sw.js?native=0`, deletes the
 * Background Fetch API from the worker, as docs/browsers.md says to run the fallback in Chromium.
 */
export function setUpTestWorker() {
  const worker = self as unknown as ServiceWorkerScope;
  if (new URL(worker.location.href).searchParams.get('native') === '0') {
    for (const name of [
      'BackgroundFetchManager',
      'BackgroundFetchRegistration',
      'BackgroundFetchRecord',
      'BackgroundFetchEvent',
      'BackgroundFetchUpdateUIEvent',
    ]) {
      Reflect.deleteProperty(globalThis, name);
    }
    Reflect.deleteProperty(ServiceWorkerRegistration.prototype, 'backgroundFetch');
  }
  worker.addEventListener('install', (event) => event.waitUntil(worker.skipWaiting()));
  worker.addEventListener('activate', (event) => event.waitUntil(worker.clients.claim()));
}
