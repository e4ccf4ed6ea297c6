import { DB_NAME } from '../fallback/db.js';
import type { FallbackEngineOptions } from '../fallback/engine.js';
import { checkInternal, INTERNAL } from '../illegal-constructor.js';
import type {
  BackgroundFetchManager as BackgroundFetchManagerShape,
  BackgroundFetchOptions,
} from '../spec-types.js';
import { validateId } from '../validate.js';
import { createPolyfillBackend, type PolyfillBackend } from './backend.js';
import type { BackgroundFetchRegistration } from './registration.js';

/** One backend per service-worker scope: every manager of one registration shares its fetches and objects. */
const backends = new Map<string, PolyfillBackend>();
let engineOptions: FallbackEngineOptions | undefined;

/** The fallback engine's options for every backend made from now on (the first install call sets them). */
export function setEngineOptions(options: FallbackEngineOptions | undefined): void {
  engineOptions = options;
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
 * A registration's backend if it has fetches: made already (a fetch of this page), or made now when earlier pages
 * left some, which it resumes. A page that never fetched, on an origin that never did, starts no worker.
 */
export async function polyfillOf(
  registration: ServiceWorkerRegistration,
): Promise<PolyfillBackend | undefined> {
  return (
    backends.get(registration.scope) ?? ((await hasStoredFetches()) ? backendFor(registration) : undefined)
  );
}

export function backendFor(registration: ServiceWorkerRegistration): PolyfillBackend {
  let backend = backends.get(registration.scope);
  if (backend === undefined) {
    backend = createPolyfillBackend(registration, engineOptions);
    backends.set(registration.scope, backend);
  }
  return backend;
}

/** The spec's `BackgroundFetchManager` in a page, over the fallback engine; `registration.backgroundFetch`. */
export class BackgroundFetchManager implements BackgroundFetchManagerShape {
  readonly #registration: ServiceWorkerRegistration;

  constructor(key: typeof INTERNAL, registration: ServiceWorkerRegistration) {
    checkInternal(key, 'BackgroundFetchManager');
    this.#registration = registration;
  }

  get [Symbol.toStringTag](): string {
    return 'BackgroundFetchManager';
  }

  async fetch(
    id: string,
    requests: RequestInfo | readonly RequestInfo[],
    options?: BackgroundFetchOptions,
  ): Promise<BackgroundFetchRegistration> {
    // CONFORMANCE 1: the spec needs an active worker to hand the events to, so the polyfill does too.
    if (this.#registration.active === null) {
      throw new TypeError(
        `bgfetch: no active service worker for ${this.#registration.scope}: await navigator.serviceWorker.ready first`,
      );
    }
    return backendFor(this.#registration).fetch(id, requests, options);
  }

  async get(id: string): Promise<BackgroundFetchRegistration | undefined> {
    return backendFor(this.#registration).get(validateId(id));
  }

  async getIds(): Promise<string[]> {
    return backendFor(this.#registration).getIds();
  }
}

const managers = new WeakMap<ServiceWorkerRegistration, BackgroundFetchManager>();

/** `registration.backgroundFetch`: one manager per registration object, as the platform's `[SameObject]`. */
export function managerFor(registration: ServiceWorkerRegistration): BackgroundFetchManager {
  let manager = managers.get(registration);
  if (manager === undefined) {
    manager = new BackgroundFetchManager(INTERNAL, registration);
    managers.set(registration, manager);
  }
  return manager;
}
