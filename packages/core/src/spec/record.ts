import { checkInternal, INTERNAL } from './illegal-constructor.js';
import type { BackgroundFetchRecord as BackgroundFetchRecordShape } from './spec-types.js';

/**
 * The spec's `BackgroundFetchRecord` as the kit makes it, in a page (the polyfill) and in the service worker (the
 * bridge). `responseReady` is asked for only when first read, so a record nobody reads opens nothing (and leaves
 * no unhandled rejection behind).
 */
export class BackgroundFetchRecord implements BackgroundFetchRecordShape {
  readonly #request: Request;
  readonly #open: () => Promise<Response>;
  #ready: Promise<Response> | undefined;

  constructor(key: typeof INTERNAL, request: Request, open: () => Promise<Response>) {
    checkInternal(key, 'BackgroundFetchRecord');
    this.#request = request;
    this.#open = open;
  }

  get request(): Request {
    return this.#request;
  }

  get responseReady(): Promise<Response> {
    this.#ready ??= this.#open();
    return this.#ready;
  }

  get [Symbol.toStringTag](): string {
    return 'BackgroundFetchRecord';
  }
}

/** A record of `request` whose response `open` gives, once, when `responseReady` is first read. */
export function createBackgroundFetchRecord(
  request: Request,
  open: () => Promise<Response>,
): BackgroundFetchRecord {
  return new BackgroundFetchRecord(INTERNAL, request, open);
}
