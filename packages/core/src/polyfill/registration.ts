import type { RegistrationSnapshot } from '../client/snapshot.js';
import { checkInternal, type INTERNAL } from '../spec/illegal-constructor.js';
import { createBackgroundFetchRecord } from '../spec/record.js';
import { matchingRecords } from '../spec/request-matches.js';
import type {
  BackgroundFetchFailureReason,
  BackgroundFetchRecord,
  BackgroundFetchRegistration as BackgroundFetchRegistrationShape,
  BackgroundFetchResult,
} from '../spec/spec-types.js';
import { ChangeSignal } from '../support/change-signal.js';
import {
  FALLBACK_CHUNK_CACHE,
  openStoredRequest,
  openStoredResponse,
  type StoredRecord,
} from '../wire/stored-record.js';

/** What a polyfilled registration asks of the engine behind it. */
export interface RegistrationSource {
  abort(id: string): Promise<boolean>;
  /** The fetch's records as stored so far; `undefined` once they are gone. */
  records(id: string): Promise<StoredRecord[] | undefined>;
}

type ProgressHandler = ((this: BackgroundFetchRegistrationShape, event: Event) => unknown) | null;

/** Applies a newer snapshot of the same fetch; kit-internal (the page's registrations follow the store). */
export let updateRegistration: (
  registration: BackgroundFetchRegistration,
  snapshot: RegistrationSnapshot,
) => void;

/**
 * The spec's `BackgroundFetchRegistration` in a page, over the fallback engine: a live view of one fetch that
 * follows the kit's store. It fires `progress` when `downloaded`, `uploaded`, `result` or `failureReason` changes,
 * and is frozen from the snapshot that sets `result` on (conformance rule 10).
 */
export class BackgroundFetchRegistration extends EventTarget implements BackgroundFetchRegistrationShape {
  #snapshot: RegistrationSnapshot;
  readonly #source: RegistrationSource;
  #onprogress: ProgressHandler = null;
  readonly #change = new ChangeSignal();

  static {
    updateRegistration = (registration, snapshot) => registration.#update(snapshot);
  }

  constructor(key: typeof INTERNAL, snapshot: RegistrationSnapshot, source: RegistrationSource) {
    checkInternal(key, 'BackgroundFetchRegistration');
    super();
    this.#snapshot = snapshot;
    this.#source = source;
    // The attribute handler runs as a listener added first, as the platform's event handler attributes do.
    this.addEventListener('progress', (event) => this.#onprogress?.call(this, event));
  }

  get id(): string {
    return this.#snapshot.id;
  }
  get uploadTotal(): number {
    return this.#snapshot.uploadTotal;
  }
  get uploaded(): number {
    return this.#snapshot.uploaded;
  }
  get downloadTotal(): number {
    return this.#snapshot.downloadTotal;
  }
  get downloaded(): number {
    return this.#snapshot.downloaded;
  }
  get result(): BackgroundFetchResult {
    return this.#snapshot.result;
  }
  get failureReason(): BackgroundFetchFailureReason {
    return this.#snapshot.failureReason;
  }
  get recordsAvailable(): boolean {
    return this.#snapshot.recordsAvailable;
  }
  get onprogress(): ProgressHandler {
    return this.#onprogress;
  }
  set onprogress(handler: ProgressHandler) {
    this.#onprogress = typeof handler === 'function' ? handler : null;
  }
  get [Symbol.toStringTag](): string {
    return 'BackgroundFetchRegistration';
  }

  abort(): Promise<boolean> {
    return this.#source.abort(this.id);
  }

  async match(
    request: RequestInfo | URL,
    options?: CacheQueryOptions,
  ): Promise<BackgroundFetchRecord | undefined> {
    return (await this.matchAll(request, options))[0];
  }

  async matchAll(request?: RequestInfo | URL, options?: CacheQueryOptions): Promise<BackgroundFetchRecord[]> {
    const records = this.recordsAvailable ? await this.#source.records(this.id) : undefined;
    if (records === undefined) {
      throw new DOMException(
        `bgfetch: the records of "${this.id}" are no longer available`,
        'InvalidStateError',
      );
    }
    const chunks = await caches.open(FALLBACK_CHUNK_CACHE);
    return Promise.all(
      matchingRecords(records, request, options).map(async (index) =>
        createBackgroundFetchRecord(await openStoredRequest(records[index]!.request, chunks), () =>
          this.#response(index, chunks),
        ),
      ),
    );
  }

  #update(next: RegistrationSnapshot) {
    const previous = this.#snapshot;
    if (previous.result !== '' || next.startedAt !== previous.startedAt) return;
    this.#snapshot = next;
    this.#change.notify();
    const progressed =
      next.downloaded !== previous.downloaded ||
      next.uploaded !== previous.uploaded ||
      next.result !== previous.result ||
      next.failureReason !== previous.failureReason;
    if (progressed) this.dispatchEvent(new Event('progress'));
  }

  /** Resolves once request `index`'s response is stored whole; rejects if the fetch ends without it. */
  async #response(index: number, chunks: Cache): Promise<Response> {
    for (;;) {
      const changed = this.#change.next();
      const stored = await this.#source.records(this.id);
      const response = stored?.[index]?.response;
      if (response?.complete) return openStoredResponse(response, chunks);
      if (stored === undefined || this.result !== '') {
        throw this.failureReason === 'aborted'
          ? new DOMException(`bgfetch: "${this.id}" was aborted before this record was stored`, 'AbortError')
          : new TypeError(`bgfetch: "${this.id}" ended without a whole response for this record`);
      }
      // Asking the engine means a trip to its worker and IndexedDB: not on every progress tick, only on a change
      // that can have finished this record (all its bytes in, a length it never knew, or the fetch's end).
      await changed;
      while (!this.#mayHaveFinished(index)) await this.#change.next();
    }
  }

  #mayHaveFinished(index: number): boolean {
    const request = this.#snapshot.requests[index];
    return (
      this.result !== '' ||
      request === undefined ||
      request.downloadTotal === null ||
      request.downloaded === request.downloadTotal
    );
  }
}
