import { landStoredRecords, verifyBody } from '../landing/index.js';
import type { RegistrationSnapshot } from '../snapshot.js';
import type { BackgroundFetchFailureReason } from '../spec-types.js';
import { removeStoredFiles, storedFileSize } from '../stored-file.js';
import {
  type BridgeDispatchMessage,
  FALLBACK_CHUNK_CACHE,
  isNullBodyStatus,
  openStoredBody,
  openStoredResponse,
} from '../stored-record.js';
import { backoffDelay } from './backoff.js';
import { bodyReader } from './body-reader.js';
import type { BodyWriter } from './body-writer.js';
import { chunkWriter } from './chunk-writer.js';
import { type JobState, type JobsDb, type RequestState, type ResponseHead, updateJob } from './db.js';
import { openFileWriter } from './file-writer.js';
import { type AnswerHead, decide, resumeHeaders } from './http.js';
import { chunkKeysOf, eventFor, snapshotOf, storedRecordOf } from './job.js';
import { chunkKey, jobChunkPrefix, jobFilePrefix } from './keys.js';
import type { WorkerSettings } from './protocol.js';
import { isQuotaError } from './storage-full.js';

/** What a runner needs from the worker around it. */
export interface RunnerDeps {
  settings: WorkerSettings;
  db: JobsDb;
  origin: string;
  online(): boolean;
  /** Reports and broadcasts a snapshot; progress-only ones may be throttled unless `immediate`. */
  publish(snapshot: RegistrationSnapshot, immediate: boolean): void;
  /** `true` when a service worker took the job's event; `false` when there is none. */
  handoff(message: BridgeDispatchMessage): Promise<boolean>;
}

/** Stops an attempt without counting as a failure: pause, offline, or the job is over. */
class Interrupt extends Error {
  override name = 'Interrupt';
}
/** No bytes for `stallTimeoutMs`: a transient failure. */
class Stall extends Error {
  override name = 'StallError';
}
/** A non-2xx answer worth retrying. */
class TransientStatus extends Error {
  override name = 'TransientStatus';
}
/** Ends the whole job at once (rules 17 and 18). */
class JobFailure extends Error {
  override name = 'JobFailure';
  constructor(readonly reason: BackgroundFetchFailureReason) {
    super(reason);
  }
}

/** Watches one attempt's network reads (see `JobRunner.watchdog`). */
interface Watchdog {
  /** The attempt starts (`true`) or stops (`false`) waiting for bytes from the network. */
  waiting(now: boolean): void;
  stop(): void;
}

/**
 * Runs one job while this worker holds its lock: every pending request streams into its storage (a file, or
 * chunks: body-writer.ts), the IndexedDB record is updated after each commit of `chunkSize` bytes, and the settled
 * job is handed to the service worker (or the default handler), then removed.
 */
export class JobRunner {
  private readonly live: number[];
  /** Commits per request, to tell an attempt that made progress from one that did not. */
  private readonly commits: number[];
  private readonly controllers = new Set<AbortController>();
  private failure: BackgroundFetchFailureReason | null = null;
  private wake: () => void = () => {};
  private changed = this.nextChange();

  constructor(
    private job: JobState,
    private readonly deps: RunnerDeps,
  ) {
    this.live = job.requests.map(() => 0);
    this.commits = job.requests.map(() => 0);
  }

  get id(): string {
    return this.job.id;
  }

  snapshot(recordsAvailable = true): RegistrationSnapshot {
    return snapshotOf(this.job, this.live, this.deps.online(), recordsAvailable);
  }

  async run(): Promise<void> {
    if (this.job.outcome === null) {
      if (this.job.abortRequested) this.failure = 'aborted';
      this.publish(true);
      await Promise.all(this.job.requests.map((request, index) => this.runRequest(request, index)));
      const failed = this.job.requests.find((request) => request.state === 'failed');
      this.job.outcome =
        this.failure !== null || failed !== undefined
          ? { result: 'failure', failureReason: this.failure ?? failed?.failure ?? 'fetch-error' }
          : { result: 'success', failureReason: '' };
      await this.persist().catch(() => {});
    }
    await this.settle();
  }

  /** Another tab (or this one) changed the job's flags in IndexedDB: apply them. */
  async refreshFlags(): Promise<void> {
    const stored = await this.deps.db.get('jobs', this.job.id);
    if (stored) this.applyFlags(stored);
  }

  onlineChanged(): void {
    if (!this.deps.online()) this.interrupt('offline');
    this.notify();
    this.publish(true);
  }

  private applyFlags({ paused, abortRequested }: Pick<JobState, 'paused' | 'abortRequested'>) {
    if (abortRequested && !this.job.abortRequested) {
      this.job.abortRequested = true;
      this.fail('aborted');
    }
    if (paused !== this.job.paused) {
      this.job.paused = paused;
      if (paused) this.interrupt('paused');
      this.notify();
      this.publish(true);
    }
  }

  /** Ends the job at once: every attempt stops, the first reason wins. */
  private fail(reason: BackgroundFetchFailureReason) {
    this.failure ??= reason;
    this.interrupt(reason);
    this.notify();
  }

  private interrupt(why: string) {
    for (const controller of this.controllers) controller.abort(new Interrupt(why));
  }

  private nextChange(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  private notify() {
    this.wake();
    this.changed = this.nextChange();
  }

  private canRun() {
    return !this.job.paused && this.deps.online();
  }

  /** Waits `ms`, or less if something changed (pause, offline, abort). */
  private async sleep(ms: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, ms))), this.changed]);
    clearTimeout(timer);
  }

  private async runRequest(request: RequestState, index: number): Promise<void> {
    const { attempts } = this.deps.settings.retry;
    let failures = 0;
    while (request.state === 'pending' && this.failure === null) {
      if (!this.canRun()) {
        this.publish(true);
        await this.changed;
        continue;
      }
      const controller = new AbortController();
      this.controllers.add(controller);
      const commitsBefore = this.commits[index]!;
      try {
        await this.attempt(request, index, controller, failures + 1 >= attempts);
      } catch (error) {
        const reason: unknown = controller.signal.aborted ? controller.signal.reason : error;
        // Pause, offline, the job's end: not a failure. A request that failed because the network went away
        // waits for it to come back without spending its attempts.
        if (this.failure !== null || reason instanceof Interrupt || !this.deps.online()) continue;
        if (reason instanceof JobFailure) {
          this.fail(reason.reason);
          continue;
        }
        if (isQuotaError(reason)) {
          this.fail('quota-exceeded');
          continue;
        }
        // Transient: a network error, a stall, a 503…; an attempt that stored a chunk starts the count again.
        failures = this.commits[index] === commitsBefore ? failures + 1 : 1;
        if (failures >= attempts) {
          request.state = 'failed';
          request.failure = 'fetch-error';
          await this.persist();
          continue;
        }
        this.publish(true);
        await this.sleep(backoffDelay(this.deps.settings.retry, failures));
      } finally {
        this.controllers.delete(controller);
        controller.abort(new Interrupt('attempt over'));
        this.live[index] = 0;
      }
    }
  }

  /** One HTTP request for the rest of `request`'s response; throws on anything that is not a settled record. */
  private async attempt(request: RequestState, index: number, controller: AbortController, last: boolean) {
    // Bytes IndexedDB counts as stored but storage lost (site data partly cleared, a flush the disk did not keep):
    // resuming would splice a gap; the request starts over.
    if (request.offset > 0 && !(await this.storedBytesIntact(request))) await this.restart(request);
    if (request.total !== null && request.offset === request.total && request.response !== null) {
      // Every byte was stored before the tab that ran the job went: nothing to ask for.
      return this.finish(request, await caches.open(FALLBACK_CHUNK_CACHE));
    }
    const resume = resumeHeaders(request, request.request.method);
    if (resume === undefined && request.offset > 0) await this.restart(request);
    const headers = new Headers(request.request.headers);
    for (const [name, value] of Object.entries(resume ?? {})) headers.set(name, value);
    const chunks = await caches.open(FALLBACK_CHUNK_CACHE);
    const body = await openStoredBody(request.request, chunks);

    const watchdog = this.watchdog(controller);
    try {
      const response = await fetch(request.request.url, {
        method: request.request.method,
        headers,
        body,
        mode: request.mode,
        credentials: request.credentials,
        cache: 'no-store',
        signal: controller.signal,
      });
      watchdog.waiting(false);
      const decision = decide(request, resume !== undefined, headOf(response));
      if (decision.kind === 'refetch') {
        await response.body?.cancel();
        if (resume === undefined) throw new TransientStatus(decision.why);
        await this.restart(request);
        return;
      }
      if (decision.kind === 'status' && decision.transient && !last) {
        await response.body?.cancel();
        throw new TransientStatus(`status ${response.status}`);
      }
      if (decision.kind === 'status' || decision.restart) await this.restart(request);
      if (request.offset === 0) {
        request.response = responseHead(response);
        request.etag = response.headers.get('ETag');
        request.lastModified = response.headers.get('Last-Modified');
        // A HEAD answer's (or a 204's) Content-Length describes a body that never comes: nothing to count.
        const bodiless = request.request.method === 'HEAD' || isNullBodyStatus(response.status);
        request.total = decision.kind === 'store' && !bodiless ? decision.total : null;
        await this.persist();
      }
      this.publish(true);
      await this.store(request, index, response, watchdog, controller.signal);
      if (decision.kind === 'status') {
        request.state = 'failed';
        request.failure = 'bad-status';
        await this.persist();
        this.publish(true);
      } else if (request.total !== null && request.offset !== request.total) {
        // Shorter than Content-Length without an error: never a whole record. Resume (or restart) it.
        throw new TypeError(`the body ended at ${request.offset} of ${request.total} bytes`);
      } else {
        await this.finish(request, chunks);
      }
    } finally {
      watchdog.stop();
    }
  }

  /** Every byte is stored: the record is done, unless its integrity does not hold. */
  private async finish(request: RequestState, chunks: Cache) {
    // Bytes lost while this attempt ran (after the check before it): never a record with a gap in it.
    if (!(await this.storedBytesIntact(request))) {
      await this.restart(request);
      throw new TypeError(`bgfetch: stored bytes of ${request.request.url} vanished; it starts over`);
    }
    const whole = await this.integrityHolds(request, chunks);
    request.state = whole ? 'done' : 'failed';
    request.failure = whole ? '' : 'fetch-error';
    await this.persist();
    this.publish(true);
  }

  /**
   * Aborts the attempt when the network gives no byte for `stallTimeoutMs`. Only time spent waiting on the network
   * counts: a slow commit in a busy browser is not a stall.
   */
  private watchdog(controller: AbortController): Watchdog {
    const { stallTimeoutMs } = this.deps.settings;
    let since = Date.now();
    let waiting = true;
    const timer = setInterval(
      () => {
        if (waiting && Date.now() - since >= stallTimeoutMs) {
          controller.abort(new Stall(`no bytes for ${stallTimeoutMs} ms`));
        }
      },
      Math.max(10, Math.min(1000, stallTimeoutMs / 4)),
    );
    return {
      waiting: (now: boolean) => {
        waiting = now;
        since = Date.now();
      },
      stop: () => clearInterval(timer),
    };
  }

  /**
   * Streams the body into the request's storage (body-writer.ts), committing every `chunkSize` bytes and recording
   * the new offset in IndexedDB after each commit: a drop loses at most one chunk.
   */
  private async store(
    request: RequestState,
    index: number,
    response: Response,
    watchdog: Watchdog,
    signal: AbortSignal,
  ) {
    const { body } = response;
    const writer = await this.openWriter(request, index, signal).catch(async (error: unknown) => {
      await body?.cancel().catch(() => {});
      throw error;
    });
    // Opened even without a body: a file record then exists, empty.
    if (body === null) return writer.close();
    const reader = bodyReader(body, writer.copies);
    const { chunkSize } = this.deps.settings;
    let size = 0;
    try {
      for (;;) {
        watchdog.waiting(true);
        const value = await reader.next(chunkSize - size);
        watchdog.waiting(false);
        if (value !== undefined) {
          size += value.byteLength;
          this.live[index] = size;
          this.checkDownloadTotal();
          writer.write(value);
          this.publish(false);
        }
        if (size > 0 && (value === undefined || size >= chunkSize)) {
          await writer.commit();
          request.offset += size;
          size = 0;
          this.live[index] = 0;
          this.commits[index]! += 1;
          await this.persist();
        }
        if (value === undefined) return;
      }
    } finally {
      writer.close();
      reader.cancel();
    }
  }

  private async openWriter(request: RequestState, index: number, signal: AbortSignal): Promise<BodyWriter> {
    if (request.file !== undefined) return openFileWriter(request.file, request.offset);
    const { origin } = this.deps;
    const { id, token } = this.job;
    return chunkWriter(
      await caches.open(FALLBACK_CHUNK_CACHE),
      request.chunkKeys,
      (n) => chunkKey(origin, id, token, index, request.epoch, n),
      signal,
    );
  }

  private checkDownloadTotal() {
    const { downloadTotal } = this.job;
    if (downloadTotal === 0) return;
    const downloaded = this.job.requests.reduce(
      (sum, request, index) => sum + request.offset + this.live[index]!,
      0,
    );
    if (downloaded > downloadTotal) throw new JobFailure('download-total-exceeded');
  }

  /** Whether the request's file holds at least `offset` bytes, or every chunk it names is in the chunk cache. */
  private async storedBytesIntact(request: RequestState): Promise<boolean> {
    if (request.file !== undefined) return (await storedFileSize(request.file)) >= request.offset;
    const cache = await caches.open(FALLBACK_CHUNK_CACHE);
    const present = new Set((await cache.keys()).map((key) => key.url));
    return request.chunkKeys.every((key) => present.has(key));
  }

  /**
   * Drops a request's stored bytes: the next bytes start a new version from zero (`downloaded` goes down). A file is
   * cut to the new offset by the next writer; chunks of the old epoch are removed.
   */
  private async restart(request: RequestState) {
    const stale = [...request.chunkKeys];
    request.epoch += 1;
    request.offset = 0;
    request.chunkKeys = [];
    request.etag = null;
    request.lastModified = null;
    request.total = null;
    request.response = null;
    await this.persist();
    this.publish(true);
    const cache = await caches.open(FALLBACK_CHUNK_CACHE);
    await Promise.all(stale.map((key) => cache.delete(key)));
  }

  /** Checks the request's integrity, if it has one, over the stored bytes, streamed (memory stays flat). */
  private async integrityHolds(request: RequestState, chunks: Cache): Promise<boolean> {
    const stored = storedRecordOf(request).response;
    if (!request.integrity || stored === undefined) return true;
    const body = (await openStoredResponse(stored, chunks)).body;
    return (await verifyBody(body, { integrity: request.integrity })).problem === undefined;
  }

  /** Writes the job, keeping the flags other tabs may have set meanwhile, and applies those flags here. */
  private async persist(): Promise<void> {
    const stored = await updateJob(this.deps.db, this.job.id, (current) => {
      if (current === undefined) return { value: undefined };
      return {
        job: { ...this.job, paused: current.paused, abortRequested: current.abortRequested },
        value: current,
      };
    });
    if (stored) this.applyFlags(stored);
  }

  private publish(immediate: boolean) {
    this.deps.publish(this.snapshot(), immediate);
  }

  /** Hands the settled job over, stores the records itself when no service worker takes them, then cleans up. */
  private async settle() {
    if (!this.job.handedOff) {
      await this.handOff();
      // From here a tab that closes leaves only the clean-up to the next one: the records' handler ran once, and
      // must not run again on bytes this clean-up may already have removed.
      this.job.handedOff = true;
      await this.persist().catch(() => {});
    }
    const cache = await caches.open(FALLBACK_CHUNK_CACHE);
    const prefix = jobChunkPrefix(this.deps.origin, this.job.id, this.job.token);
    const keys = new Set(chunkKeysOf(this.job));
    // A put cut by a closing tab can leave a chunk no record names: the prefix finds those too.
    for (const request of await cache.keys()) if (request.url.startsWith(prefix)) keys.add(request.url);
    await Promise.all([...keys].map((key) => cache.delete(key)));
    await removeStoredFiles(jobFilePrefix(this.job.token));
    await this.deps.db.delete('jobs', this.job.id);
    this.deps.publish(this.snapshot(false), true);
  }

  /** The job's event to the service worker's handlers; the page-side default handler when none takes it. */
  private async handOff() {
    const message: BridgeDispatchMessage = {
      type: 'bgfetch:dispatch',
      event: eventFor(this.job),
      registration: this.snapshot(true),
      records: this.job.requests.map(storedRecordOf),
    };
    let handled = false;
    try {
      handled = await this.deps.handoff(message);
    } catch (error) {
      console.warn(
        `bgfetch: the service worker did not take "${this.job.id}" (${String(error)}); storing it here`,
      );
    }
    if (!handled && message.event === 'backgroundfetchsuccess') await this.storeRecords();
  }

  /** The page-side default handler: lands the records as the service worker's handler would (core's landing). */
  private async storeRecords() {
    const records = this.job.requests.map(storedRecordOf);
    this.job.outcome = await landStoredRecords(this.snapshot(true), records, this.deps.settings.cacheName);
  }
}

function headOf(response: Response): AnswerHead {
  const header = (name: string) => response.headers.get(name);
  return {
    status: response.status,
    contentRange: header('Content-Range'),
    contentLength: header('Content-Length'),
    contentEncoding: header('Content-Encoding'),
    etag: header('ETag'),
    lastModified: header('Last-Modified'),
  };
}

function responseHead(response: Response): ResponseHead {
  return {
    url: response.url,
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers].filter(([name]) => name.toLowerCase() !== 'content-range'),
  };
}
