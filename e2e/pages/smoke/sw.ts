import { PING, PONG } from './api';

// The e2e program is typed with the DOM lib, which cannot be combined with the webworker lib in one program:
// the little of ServiceWorkerGlobalScope used here is declared locally.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface ServiceWorkerScope {
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}
const worker = self as unknown as ServiceWorkerScope;

// Take over at once, so a test page is controlled without a reload.
worker.addEventListener('install', (event) => event.waitUntil(worker.skipWaiting()));
worker.addEventListener('activate', (event) => event.waitUntil(worker.clients.claim()));

worker.addEventListener('message', (event) => {
  if (event.data === PING) event.ports[0]?.postMessage(PONG);
});
