import type { EngineChoice, RegistrationSnapshot } from '@bgfetch/core';

/**
 * The client page's contract with its specs (specs/client-*.spec.ts): a kit client made the way an app makes one,
 * on a page where a service worker may be missing, late, or never come.
 */
export interface ClientPageConfig {
  engine?: EngineChoice;
  /**
   * What the client is given as `serviceWorker`: `navigator.serviceWorker.ready` (`'ready'`), a promise that never
   * settles (`'never'`), or nothing (`'none'`).
   */
  serviceWorker: 'ready' | 'never' | 'none';
  /** `'default'`: no `fallback` option; `'given'`: `createFallbackEngine()`; `false`: `fallback: false` (native only). */
  fallback?: 'default' | 'given' | false;
}

/** What `get(id)` answered, as it crosses to the test (a function would vanish in JSON). */
export interface GetAnswer {
  type: string;
  id?: string;
  status?: string;
}

export interface ClientPageApi {
  /** Makes the client (without awaiting anything). */
  create(config: ClientPageConfig): void;
  /** Whether the client's `ready` has resolved ('ready'), rejected (the error's name), or not yet (null). */
  readyState(): string | null;
  engine(): string | null;
  /** `client.fetch(id, urls, { title })`, each request with `integrity` when given. */
  fetch(
    id: string,
    urls: string[],
    options?: { title?: string; integrity?: string },
  ): Promise<RegistrationSnapshot>;
  retry(id: string): Promise<RegistrationSnapshot>;
  /** What the store says of the client itself: readiness, the next engine, the ids `retry` can start. */
  storeClient(): { ready: boolean; engine: string | null; retryable: string[] };
  get(id: string): Promise<GetAnswer>;
  getIds(): Promise<string[]>;
  /** The store's snapshot of `id` (own entries only, as `getIds()` sees them). */
  snapshot(id: string): RegistrationSnapshot | null;
  /** Every own key of the store's `registrations`. */
  storeIds(): string[];
  /** Registers `./sw.js` (the kit's handlers and bridge) and waits until it controls the page. */
  register(): Promise<void>;
  /** Registers `./sw.js?hold=1`, whose worker never finishes installing; resolves once it is installing. */
  registerStuck(): Promise<void>;
  /** Bytes of a record in the default records cache, or null. */
  recordBytes(url: string): Promise<number | null>;
  /** Ids of the fetches the service worker's handlers settled (empty when the page landed them). */
  swSettled(): Promise<string[]>;
}

/** Where `sw.ts` notes each fetch its handlers settled. */
export const SW_SETTLED_CACHE = 'client-test:sw-settled';

declare global {
  interface Window {
    client: ClientPageApi;
  }
}
