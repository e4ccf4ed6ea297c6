// Compiled with the WebWorker lib, whose `self` is a `WorkerGlobalScope`: in this package it is the service worker's.
declare const self: ServiceWorkerGlobalScope;

/** The service worker's global scope; a clear error anywhere else (a page, a dedicated worker, SSR). */
export function serviceWorkerScope(): ServiceWorkerGlobalScope {
  if (
    typeof ServiceWorkerGlobalScope === 'undefined' ||
    typeof self === 'undefined' ||
    !(self instanceof ServiceWorkerGlobalScope)
  ) {
    throw new TypeError(
      'bgfetch: @bgfetch/sw handlers run in a service worker: call them from the script you pass to navigator.serviceWorker.register()',
    );
  }
  return self;
}
