import {
  BackgroundFetchManagerPolyfill,
  BackgroundFetchRecordPolyfill,
  defineInterfaces,
  seePolyfilledFetches,
  serviceWorkerManagerFor,
} from '@bgfetch/core/internal';
import { installBackgroundFetchBridge } from './bridge.js';
import { backgroundFetchEventClasses } from './bridge-events.js';
import { BridgeRegistration } from './bridge-registration.js';
import { serviceWorkerScope } from './scope.js';

/** What the service worker's `installBackgroundFetchPolyfill()` did. */
export interface ServiceWorkerPolyfillResult {
  /**
   * `'native'`: the browser has the events (its own fetches fire them; the bridge still delivers the fetches a page
   * ran on the polyfill); `'polyfill'`: the kit defined the event types, and the bridge fires them.
   */
  installed: 'native' | 'polyfill';
  /** Stops dispatching the polyfill's events (the globals stay). */
  uninstall: () => void;
}

/**
 * Service-worker side of the polyfill: where the browser has no Background Fetch, defines `BackgroundFetchEvent`,
 * `BackgroundFetchUpdateUIEvent`, `BackgroundFetchRegistration` and `BackgroundFetchRecord`, and (everywhere)
 * installs the bridge that fires `backgroundfetchsuccess` / `backgroundfetchfail` / `backgroundfetchabort` for
 * the fetches pages ran with core's `installBackgroundFetchPolyfill()`. Handlers added with `addEventListener` or
 * `onbackgroundfetch…` run unchanged. `registration.backgroundFetch` here finds those fetches too (`get`,
 * `getIds`, and `abort()` on what they return); its `fetch()` is refused with `NotAllowedError`, as Chromium does in
 * a service worker: pages start fetches. Call it at the top level of the service worker script.
 */
export function installBackgroundFetchPolyfill(): ServiceWorkerPolyfillResult {
  const scope = serviceWorkerScope() as unknown as Record<string, unknown>;
  const native = scope.BackgroundFetchEvent !== undefined && !isOurs(scope.BackgroundFetchEvent);
  if (!native) {
    defineInterfaces(
      scope,
      {
        ...backgroundFetchEventClasses(),
        BackgroundFetchRegistration: BridgeRegistration,
        BackgroundFetchRecord: BackgroundFetchRecordPolyfill,
        BackgroundFetchManager: BackgroundFetchManagerPolyfill,
      },
      serviceWorkerManagerFor,
    );
  }
  if (native && !seeingPolyfilled) seePolyfilledFetches();
  seeingPolyfilled = true;
  return { installed: native ? 'native' : 'polyfill', uninstall: installBackgroundFetchBridge() };
}

let seeingPolyfilled = false;

function isOurs(value: unknown): boolean {
  return value === backgroundFetchEventClasses().BackgroundFetchEvent;
}
