import type { FallbackEngineOptions } from '../fallback/engine.js';
import { validateId } from '../input/validate.js';
import { checkInternal, INTERNAL } from '../spec/illegal-constructor.js';
import type {
  BackgroundFetchManager as BackgroundFetchManagerShape,
  BackgroundFetchOptions,
} from '../spec/spec-types.js';
import { createPolyfillBackend, type PolyfillBackend } from './backend.js';
import type { BackgroundFetchRegistration } from './registration.js';
import { hasStoredFetches } from './stored-fetches.js';

/** One backend per service-worker scope: every manager of one registration shares its fetches and objects. */
const backends = new Map<string, PolyfillBackend>();
let engineOptions: FallbackEngineOptions | undefined;

/** The fallback engine's options for every backend made from now on (the first install call sets them). */
export function setEngineOptions(options: FallbackEngineOptions | undefined): void {
  engineOptions = options;
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
  readonly #backend: (registration: ServiceWorkerRegistration) => PolyfillBackend;

  constructor(
    key: typeof INTERNAL,
    registration: ServiceWorkerRegistration,
    backend: (registration: ServiceWorkerRegistration) => PolyfillBackend,
  ) {
    checkInternal(key, 'BackgroundFetchManager');
    this.#registration = registration;
    this.#backend = backend;
  }

  get [Symbol.toStringTag](): string {
    return 'BackgroundFetchManager';
  }

  async fetch(
    id: string,
    requests: RequestInfo | readonly RequestInfo[],
    options?: BackgroundFetchOptions,
  ): Promise<BackgroundFetchRegistration> {
    // conformance rule 1: the spec needs an active worker to hand the events to, so the polyfill does too.
    if (this.#registration.active === null) {
      throw new TypeError(
        `bgfetch: no active service worker for ${this.#registration.scope}: await navigator.serviceWorker.ready first`,
      );
    }
    return this.#backend(this.#registration).fetch(id, requests, options);
  }

  async get(id: string): Promise<BackgroundFetchRegistration | undefined> {
    return this.#backend(this.#registration).get(validateId(id));
  }

  async getIds(): Promise<string[]> {
    return this.#backend(this.#registration).getIds();
  }
}

const managers = new WeakMap<ServiceWorkerRegistration, BackgroundFetchManager>();

/**
 * `registration.backgroundFetch`: one manager per registration object, as the platform's `[SameObject]`, over the
 * page's backend (or the service worker's, there).
 */
export function managerFor(
  registration: ServiceWorkerRegistration,
  backend: (registration: ServiceWorkerRegistration) => PolyfillBackend = backendFor,
): BackgroundFetchManager {
  let manager = managers.get(registration);
  if (manager === undefined) {
    manager = new BackgroundFetchManager(INTERNAL, registration, backend);
    managers.set(registration, manager);
  }
  return manager;
}
