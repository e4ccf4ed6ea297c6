import { DB_NAME } from '../fallback/db.js';
import type { BackgroundFetchManager as BackgroundFetchManagerShape } from '../spec-types.js';
import type { PolyfillBackend } from './backend.js';
import { backendFor, existingBackend, managerFor } from './manager.js';

/**
 * Where the browser has Background Fetch but refuses it — WebKit with its feature on rejects every `fetch()` with
 * `NotAllowedError`, as does Chromium where the user blocked it — a refused `fetch()` runs on the polyfill instead,
 * and `get()` / `getIds()` see the fetches of both. Where the browser grants it, every call is the browser's own and
 * the fallback engine is never started (unless fetches it ran earlier are still unfinished: they resume).
 */
export function fallBackWhenRefused(): void {
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
        return managerFor(registration).fetch(id, requests, options);
      }
    },
    async get(id) {
      // WebKit's answers `null` for an unknown id, where the spec says `undefined`.
      const native = (await get.call(this, id)) ?? undefined;
      const registration = owners.get(this);
      if (native !== undefined || registration === undefined) return native;
      return (await polyfillOf(registration))?.get(id);
    },
    async getIds() {
      const native = await getIds.call(this);
      const registration = owners.get(this);
      const polyfilled = registration && (await (await polyfillOf(registration))?.getIds());
      return [...new Set([...native, ...(polyfilled ?? [])])];
    },
  };
  for (const [name, value] of Object.entries(methods)) {
    Object.defineProperty(manager, name, { value, writable: true, configurable: true, enumerable: true });
  }
  // Fetches refused earlier and run on the polyfill resume on load, as they would with the polyfill installed.
  navigator.serviceWorker.ready.then(polyfillOf, () => {});
}

let stored: Promise<boolean> | undefined;

/** Whether the fallback's database exists: then earlier pages ran fetches on it. Asked once per page. */
function hasStoredFetches(): Promise<boolean> {
  stored ??= (async () => {
    const databases = (await indexedDB.databases?.()) ?? [];
    return databases.some((database) => database.name === DB_NAME);
  })().catch(() => false);
  return stored;
}

/**
 * The polyfill's backend of a registration if it has fetches: made by a refused `fetch()` of this page, or now
 * when earlier pages left some (it resumes them). Never made where the browser grants every fetch.
 */
async function polyfillOf(registration: ServiceWorkerRegistration): Promise<PolyfillBackend | undefined> {
  return existingBackend(registration) ?? ((await hasStoredFetches()) ? backendFor(registration) : undefined);
}

function isRefusal(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'NotAllowedError';
}
