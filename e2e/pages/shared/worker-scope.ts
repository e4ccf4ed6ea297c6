import type { BackgroundFetchServiceWorkerEventMap } from '@bgfetch/core';

// The e2e program is typed with the DOM lib, which cannot be combined with the webworker lib in one program:
// the little of ServiceWorkerGlobalScope the test service workers use is declared here, once.
export interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

/** A message to the service worker: `waitUntil` keeps it alive while it answers on a port. */
export interface ExtendableMessageEvent extends MessageEvent, ExtendableEvent {}

export interface ServiceWorkerScope {
  /** Its own registration, with `backgroundFetch` (core's types add it). */
  registration: ServiceWorkerRegistration;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void;
  addEventListener<K extends keyof BackgroundFetchServiceWorkerEventMap>(
    type: K,
    listener: (event: BackgroundFetchServiceWorkerEventMap[K]) => void,
  ): void;
}

/** `self`, typed as the service worker it is when a test page's `sw.ts` runs. */
export const worker = self as unknown as ServiceWorkerScope;

/** Take over at once, so a test page is controlled without a reload. */
export function takeOverAtOnce(): void {
  worker.addEventListener('install', (event) => event.waitUntil(worker.skipWaiting()));
  worker.addEventListener('activate', (event) => event.waitUntil(worker.clients.claim()));
}
