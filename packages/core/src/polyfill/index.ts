import type { FallbackEngineOptions } from '../fallback/engine.js';
import { BackgroundFetchRecord } from '../spec/record.js';
import { defineInterfaces } from './define-interfaces.js';
import { BackgroundFetchManager, managerFor, polyfillOf, setEngineOptions } from './manager.js';
import { fallBackWhenRefused } from './refusal.js';
import { BackgroundFetchRegistration } from './registration.js';

let refusalsHandled = false;

export interface BackgroundFetchPolyfillOptions {
  /** Options of the fallback engine that runs the polyfilled fetches (chunk size, retries, stall timeout…). */
  fallback?: FallbackEngineOptions;
}

/** What `installBackgroundFetchPolyfill()` did. */
export type BackgroundFetchPolyfillResult =
  /** The browser has Background Fetch: its objects stay; only a `fetch()` it refuses runs on the polyfill. */
  | { installed: 'native' }
  /** The kit's objects now stand in for the browser's (this call or an earlier one defined them). */
  | { installed: 'polyfill' }
  /** There is nothing to stand in for here (no service workers: a server render, an insecure page, a worker). */
  | { installed: 'unsupported'; reason: string };

/**
 * Page side of the polyfill: where the browser has no Background Fetch, defines `BackgroundFetchManager`,
 * `BackgroundFetchRegistration`, `BackgroundFetchRecord` and `ServiceWorkerRegistration.prototype.backgroundFetch`,
 * backed by the fallback engine, so code written against the spec's API runs unchanged. The service worker calls
 * `@bgfetch/sw`'s `installBackgroundFetchPolyfill()` to receive the events. Where the browser has the API, its
 * objects stay; only a `fetch()` it refuses (`NotAllowedError`: WebKit with its feature on, a user's block) runs on
 * the polyfill. Call it once, before the app's first `registration.backgroundFetch`; later calls report what the first
 * did (their options are ignored). Unfinished fetches resume as soon as a service worker is active.
 */
export function installBackgroundFetchPolyfill(
  options: BackgroundFetchPolyfillOptions = {},
): BackgroundFetchPolyfillResult {
  const scope = globalThis as Record<string, unknown>;
  if (scope.BackgroundFetchManager === BackgroundFetchManager) return { installed: 'polyfill' };
  if (typeof ServiceWorkerRegistration === 'undefined' || globalThis.navigator?.serviceWorker === undefined) {
    return {
      installed: 'unsupported',
      reason: 'service workers are not available here (a server render, an insecure page, or a worker)',
    };
  }
  if (scope.BackgroundFetchManager !== undefined) {
    if (!refusalsHandled) start(options, () => fallBackWhenRefused({ managerFor, backendOf: polyfillOf }));
    refusalsHandled = true;
    return { installed: 'native' };
  }
  start(options, defineObjects);
  return { installed: 'polyfill' };
}

/**
 * Sets the engine's options, then `install`s; fetches run on the polyfill by earlier pages resume once a worker of
 * the page is active, as the browser's own carry on by themselves.
 */
function start(options: BackgroundFetchPolyfillOptions, install: () => void) {
  setEngineOptions(options.fallback);
  install();
  navigator.serviceWorker.ready.then(polyfillOf, () => {});
}

function defineObjects() {
  defineInterfaces(
    globalThis,
    { BackgroundFetchManager, BackgroundFetchRegistration, BackgroundFetchRecord },
    managerFor,
  );
}
