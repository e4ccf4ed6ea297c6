import type { BackgroundFetchManager as BackgroundFetchManagerShape } from '../spec/spec-types.js';
import { isRefusal } from '../support/errors.js';
import type { PolyfillBackend } from './backend.js';
import type { BackgroundFetchManager } from './manager.js';

/** Where a context's polyfilled fetches are: the page's backend, or the service worker's view of them. */
export interface PolyfillSide {
  /** The manager a refused `fetch()` is retried on. */
  managerFor(registration: ServiceWorkerRegistration): BackgroundFetchManager;
  /** The polyfilled fetches, if there are any (nothing is started or created where there are none). */
  backendOf(registration: ServiceWorkerRegistration): Promise<PolyfillBackend | undefined>;
}

/**
 * Where the browser has Background Fetch but refuses it — WebKit with its feature on rejects every `fetch()` with
 * `NotAllowedError`, as does Chromium where the user blocked it — a refused `fetch()` runs on the polyfill instead,
 * and `get()` / `getIds()` see the fetches of both. Where the browser grants it, every call is the browser's own and
 * the fallback engine is never started (unless fetches it ran earlier are still unfinished: they resume).
 */
export function fallBackWhenRefused(polyfill: PolyfillSide): void {
  const manager = (
    globalThis as unknown as { BackgroundFetchManager: { prototype: BackgroundFetchManagerShape } }
  ).BackgroundFetchManager.prototype;
  const attribute = Object.getOwnPropertyDescriptor(ServiceWorkerRegistration.prototype, 'backgroundFetch');
  const nativeManagerOf = attribute?.get;
  if (nativeManagerOf === undefined) return;
  const { fetch, get, getIds } = manager;
  /** The native manager does not say whose it is: the attribute's getter remembers. */
  const owners = new WeakMap<object, ServiceWorkerRegistration>();

  Object.defineProperty(ServiceWorkerRegistration.prototype, 'backgroundFetch', {
    ...attribute,
    get(this: ServiceWorkerRegistration) {
      const native = nativeManagerOf.call(this);
      owners.set(native, this);
      return native;
    },
  });
  const methods: Pick<BackgroundFetchManagerShape, 'fetch' | 'get' | 'getIds'> = {
    async fetch(id, requests, options) {
      try {
        return await fetch.call(this, id, requests, options);
      } catch (error) {
        const registration = owners.get(this);
        if (!isRefusal(error) || registration === undefined) throw error;
        return polyfill.managerFor(registration).fetch(id, requests, options);
      }
    },
    async get(id) {
      // WebKit's answers `null` for an unknown id, where the spec says `undefined`.
      const native = (await get.call(this, id)) ?? undefined;
      const registration = owners.get(this);
      if (native !== undefined || registration === undefined) return native;
      return (await polyfill.backendOf(registration))?.get(id);
    },
    async getIds() {
      const native = await getIds.call(this);
      const registration = owners.get(this);
      const polyfilled = registration && (await (await polyfill.backendOf(registration))?.getIds());
      return [...new Set([...native, ...(polyfilled ?? [])])];
    },
  };
  for (const [name, value] of Object.entries(methods)) {
    Object.defineProperty(manager, name, { value, writable: true, configurable: true, enumerable: true });
  }
}
