import type {
  BackgroundFetchFailureReason,
  BackgroundFetchRecord,
  BackgroundFetchRegistration,
  BackgroundFetchResult,
  RegistrationSnapshot,
} from '@bgfetch/core';
import {
  matchingRecords,
  type StoredRecord,
  settledFiles,
  storedBackgroundFetchRecord,
} from '@bgfetch/core/internal';

/**
 * The spec's `BackgroundFetchRegistration` in the service worker, over a settled fallback job's stored records
 * (the bridge's `event.registration`, and the polyfill's global of that name).
 */
export class BridgeRegistration extends EventTarget implements BackgroundFetchRegistration {
  readonly id: string;
  readonly uploadTotal: number;
  readonly uploaded: number;
  readonly downloadTotal: number;
  readonly downloaded: number;
  readonly result: BackgroundFetchResult;
  readonly failureReason: BackgroundFetchFailureReason;
  /** Not the spec's: the fallback job's title, which the handlers' default download UI names it by. */
  readonly title: string;
  /** Not the spec's: the fallback run's token, which the handlers' outcome names (a late verdict settles no other run). */
  readonly token: string | undefined;
  onprogress: ((this: BackgroundFetchRegistration, event: Event) => unknown) | null = null;
  #available = true;
  readonly #records: readonly StoredRecord[];
  readonly #chunks: Cache;

  constructor(snapshot: RegistrationSnapshot, records: readonly StoredRecord[], chunks: Cache) {
    super();
    this.id = snapshot.id;
    this.uploadTotal = snapshot.uploadTotal;
    this.uploaded = snapshot.uploaded;
    this.downloadTotal = snapshot.downloadTotal;
    this.downloaded = snapshot.downloaded;
    this.result = snapshot.result;
    this.failureReason = snapshot.failureReason;
    this.title = snapshot.title;
    this.token = snapshot.token;
    this.#records = records;
    this.#chunks = chunks;
  }

  get recordsAvailable(): boolean {
    return this.#available;
  }

  get [Symbol.toStringTag](): string {
    return 'BackgroundFetchRegistration';
  }

  /** The handler is done: the fallback may now remove the stored bytes. */
  close() {
    this.#available = false;
  }

  /** The job is settled before it reaches the service worker: there is nothing left to abort. */
  async abort(): Promise<boolean> {
    return false;
  }

  async match(request: RequestInfo | URL, options?: CacheQueryOptions) {
    return (await this.matchAll(request, options))[0];
  }

  async matchAll(request?: RequestInfo | URL, options?: CacheQueryOptions): Promise<BackgroundFetchRecord[]> {
    if (!this.#available) {
      throw new DOMException(
        `bgfetch: the records of "${this.id}" are no longer available: its handler has finished (copy them in waitUntil)`,
        'InvalidStateError',
      );
    }
    const chunks = this.#chunks;
    // One look-up of the run's files for the records read together: its small responses share one pack.
    const files = settledFiles();
    return Promise.all(
      matchingRecords(this.#records, request, options).map((index) =>
        storedBackgroundFetchRecord(this.#records[index]!, chunks, files, this),
      ),
    );
  }
}
