import { unacceptedHead, unacceptedSize } from '../input/accept.js';
import type { BackgroundFetchFailureReason } from '../spec/spec-types.js';
import { isNullBodyStatus, openStoredBody } from '../wire/stored-record.js';
import { bodyReader, readExactly } from './body-reader.js';
import type { RequestState, ResponseHead } from './db.js';
import { hostSlots, type ReleaseSlot } from './host-slots.js';
import {
  type AnswerHead,
  answerHead,
  BodyOutgrown,
  decide,
  ifRangeValidator,
  parseRetryAfter,
  resumeHeaders,
} from './http.js';
import { Interrupt } from './interrupt.js';
import { originAnswers } from './origin-answers.js';
import { boundedRange, pacedSpan } from './paced-range.js';
import type { WorkerSettings } from './protocol.js';
import { type BodyTarget, type OpenAnswer, RangedFetch, type RangesHost } from './ranged-fetch.js';
import { connectionsAtFirst, equalRanges, rangeChunkKeys, splittable } from './ranges.js';
import type { RequestStore } from './request-store.js';
import { type AttemptResult, type FailedAttempt, type Retryable, runWithRetries } from './retryer.js';
import { checkSeam, hidesHeaders, repeats, SeamMismatch, seamLength } from './seams.js';
import { integrityHolds } from './settle.js';
import { type StallWatchdog, stallWatchdog } from './stall-watchdog.js';
import { isQuotaError } from './storage-full.js';

/** What a request's run needs of the job it belongs to (runner.ts). */
export interface RunningJob {
  readonly settings: WorkerSettings;
  /** The first reason the whole job ended (abort, quota, download total), `null` while it runs. */
  readonly failure: BackgroundFetchFailureReason | null;
  /** Aborted when the job ends: a storage write still waited for is given up on. */
  readonly ended: AbortSignal;
  /** Not paused, online, on a network it may use, and its turn in the queue. */
  canRun(): boolean;
  /** Counts bytes read and waits until the job's bandwidth caps allow the next read. */
  throttle(bytes: number, signal: AbortSignal): Promise<void>;
  /** The tightest bandwidth cap the job is under now, in bytes a second; `undefined`: none. */
  bandwidthLimit(): number | undefined;
  /** Resolves at the next change of the job's flags, the network, or its end. */
  changed(): Promise<void>;
  /** Ends the whole job: every request's attempt stops. */
  fail(reason: BackgroundFetchFailureReason): void;
  /**
   * The bytes of every request (stored and not yet committed) are more than the job's `downloadTotal`; `run` has
   * just received bytes (its `live`).
   */
  overDownloadTotal(run: RequestRun): boolean;
  /** Writes `request`'s state to IndexedDB (the job's record of it). */
  persist(request: RequestState): Promise<void>;
  publish(immediate: boolean): void;
  /** The job's latest report showed it `fetching`: a request's answer or end then changes only its figures. */
  showsFetching(): boolean;
}

/** A "try again later" status (`RetryPolicy.statuses`), with the wait the server asked for, if any. */
class BusyStatus extends Error {
  override name = 'BusyStatus';
  constructor(
    status: number,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`status ${status}`);
  }
}

const OVER: AttemptResult = { kind: 'over' };

/** Network errors in a row while the server answers, after which a request fails (`fetch-error`). */
const REFUSALS = 2;

/**
 * For this long after its origin answers again at the end of an outage, a network error is still the outage's: the
 * browser may go on failing requests to a server that is back (Firefox fails one or two without connecting; the
 * outage test of fallback-faults, 1 run in 8), and counting them as refusals would fail the request and drop its bytes.
 */
const RECOVERY_MS = 3000;

/**
 * One request of a running job, from its stored state to a settled record: each attempt asks for the rest of the
 * response (`Range` + `If-Range` past the stored bytes), checks that the answer continues them (http.ts), streams
 * it into the request's store, committing every `chunkSize` bytes and persisting the new offset after each commit.
 * The retryer decides when to attempt again.
 */
export class RequestRun implements Retryable, RangesHost {
  /** Bytes written since the last commit: counted in progress, not yet stored. */
  live = 0;
  /** Waiting past its retry budget for a server that does not answer (shown as offline). */
  outage = false;
  /** Chunks committed so far, to tell an attempt that made progress from one that did not. */
  private commits = 0;
  /**
   * Its body once outgrew the `Content-Length` its answer gave: the server encodes it without showing it (a
   * cross-origin answer that does not expose `Content-Encoding`, an S3 object stored compressed), and the browser
   * decoded bytes whose length no header tells. Its answers count as encoded from then on: no length, no place in
   * the pack, no resume.
   */
  private hiddenEncoding = false;
  /** The current attempt got an answer (status and headers). */
  private answered = false;
  /** The current attempt's answer brought a byte of its body. */
  private brought = false;
  /** The current attempt asked for the rest (`Range` + `If-Range`). */
  private resumed = false;
  /** Network errors in a row while the server's origin answered (see `networkError`). */
  private refusals = 0;
  /** Resumed answers in a row whose body failed before its first byte (see `unreadableResume`). */
  private unreadableResumes = 0;
  /** The latest network error came while the origin did not answer either. */
  private originDown = false;
  /** When the origin was first seen answering again after `originDown` (`performance.now()`). */
  private recoveredAt = Number.NEGATIVE_INFINITY;
  private controller: AbortController | undefined;
  /** Gives back the current attempt's place in the host's slots: once its body is read, or at its end. */
  private releaseSlot: ReleaseSlot = () => {};
  /**
   * Its ranges met another version mid-way: it stays on one connection for this run, so that a server whose
   * bytes change at every request still gets the request done.
   */
  private oneConnection = false;

  constructor(
    readonly request: RequestState,
    readonly store: RequestStore,
    readonly job: RunningJob,
  ) {}

  /** The origin of the request's URL: what the browser's connections, and the host slots, are per. */
  private get origin(): string {
    return new URL(this.request.request.url).origin;
  }

  run(): Promise<void> {
    return runWithRetries(this, this.job.settings.retry);
  }

  /** Stops the current attempt without counting it as a failure. */
  interrupt(why: string): void {
    this.controller?.abort(new Interrupt(why));
  }

  active(): boolean {
    return this.request.state === 'pending' && this.job.failure === null;
  }

  canRun(): boolean {
    return this.job.canRun();
  }

  changed(): Promise<void> {
    return this.job.changed();
  }

  waiting(outage: boolean): void {
    this.outage = outage;
    this.job.publish(true);
  }

  async giveUp(): Promise<void> {
    this.request.state = 'failed';
    this.request.failure = 'fetch-error';
    await this.job.persist(this.request);
  }

  async attempt(last: boolean): Promise<AttemptResult> {
    const controller = new AbortController();
    this.controller = controller;
    const commitsBefore = this.commits;
    this.answered = false;
    this.brought = false;
    const failed = (error: unknown): FailedAttempt => ({
      kind: 'failed',
      progressed: this.commits !== commitsBefore,
      // No answer, and bytes that a `Range` request can continue: an outage, waited out however long it lasts.
      outage: !this.answered && resumeHeaders(this.request, this.request.request.method) !== undefined,
      retryAfterMs: error instanceof BusyStatus ? error.retryAfterMs : undefined,
      error,
    });
    try {
      // The request waits its turn for a connection here, not inside `fetch` where its clock would run.
      const { connectionsPerHost } = this.job.settings;
      this.releaseSlot = await hostSlots.acquire(this.origin, connectionsPerHost, controller.signal);
      const failure = await this.fetchRest(controller, last);
      return failure === undefined ? OVER : failed(failure);
    } catch (error) {
      const reason: unknown = controller.signal.aborted ? controller.signal.reason : error;
      if (reason instanceof Interrupt || this.job.failure !== null) return OVER;
      if (reason instanceof SeamMismatch) {
        // Its resume is not of the stored bytes (seams.ts): it starts over, never resumed again.
        this.request.resumable = false;
        await this.restart();
        return OVER;
      }
      if (isQuotaError(reason)) {
        this.job.fail('quota-exceeded');
        return OVER;
      }
      // Its body outgrew its length (its place in the pack, or, cut, its Content-Length): it starts over, as the
      // encoded answer it is.
      const { offset, total } = this.request;
      if (reason instanceof BodyOutgrown || (total !== null && offset > total)) {
        await this.outgrown(false);
        return OVER;
      }
      // A network error, or a stall (stall-watchdog.ts).
      return await this.networkError(reason, failed);
    } finally {
      this.releaseSlot();
      this.releaseSlot = () => {};
      this.controller = undefined;
      controller.abort(new Interrupt('attempt over'));
      this.live = 0;
    }
  }

  /**
   * A failed attempt. A network error without an answer is told by whether the server's origin answers: if not, an
   * outage (`failed` waits it out, keeping the bytes); if so, a failure of this request itself, which no wait
   * fixes. A cross-origin resume then starts over without its `Range` and `If-Range` (they need a preflight, which
   * a CDN that answers `OPTIONS` with 405 refuses); anything else (a CORS refusal, a redirect to a `data:` URL)
   * fails the request when it happens again. Errors just after an outage ends are still the outage's (`RECOVERY_MS`).
   */
  private async networkError(
    error: unknown,
    failed: (error: unknown) => FailedAttempt,
  ): Promise<AttemptResult> {
    const { request } = this;
    const result = failed(error);
    const network = error instanceof TypeError;
    const crossOrigin = hidesHeaders(request);
    if (crossOrigin && this.answered && network && this.resumed && !this.brought) {
      if (await originAnswers(request.request.url)) return this.unreadableResume(result);
    }
    if (this.answered || !network) {
      this.refusals = 0;
      return result;
    }
    if (!(await originAnswers(request.request.url))) {
      this.refusals = 0;
      this.originDown = true;
      return result;
    }
    if (this.originDown) {
      this.originDown = false;
      this.recoveredAt = performance.now();
    }
    if (performance.now() - this.recoveredAt < RECOVERY_MS) return result;
    if (this.resumed && crossOrigin) {
      request.resumable = false;
      await this.restart();
      return OVER;
    }
    this.refusals += 1;
    return { ...result, outage: false, permanent: this.refusals >= REFUSALS };
  }

  /**
   * A resumed cross-origin answer whose body the browser failed before its first byte, its origin answering. Once,
   * a connection may have dropped; twice running, the browser cannot read the range: a range of a body the server
   * encodes without showing it (Firefox fails such a `206`'s body, as it cannot decode it; Chromium fails its
   * `fetch`, which `networkError` already restarts). The request starts over from zero and is not resumed again:
   * never spliced, and never failed where a whole answer can bring it.
   */
  private async unreadableResume(result: FailedAttempt): Promise<AttemptResult> {
    if (!this.unreadableAnswer()) return result;
    this.request.resumable = false;
    await this.restart();
    return OVER;
  }

  unreadableAnswer(): boolean {
    this.unreadableResumes += 1;
    if (this.unreadableResumes < REFUSALS) return false;
    this.unreadableResumes = 0;
    return true;
  }

  /**
   * One HTTP request for the rest of the response. Resolves with a transient failure (worth another attempt), or
   * `undefined` when the attempt is over without one (the request settled, or restarted from zero).
   */
  private async fetchRest(controller: AbortController, last: boolean): Promise<Error | undefined> {
    const { request, store } = this;
    // Bytes IndexedDB counts as stored but storage lost (site data partly cleared, a flush the disk did not keep):
    // resuming would splice a gap; the request starts over.
    if (request.offset > 0 && !(await store.intact(request))) await this.restart();
    if (request.total !== null && request.offset === request.total && request.response !== null) {
      // Every byte was stored before the tab that ran the job went: nothing to ask for.
      return this.finish();
    }
    if (request.ranges !== undefined) return this.fetchRanges(controller, undefined);
    const resume = resumeHeaders(request, request.request.method);
    this.resumed = resume !== undefined;
    if (resume === undefined && request.offset > 0) await this.restart();
    // A resume of a cross-origin answer asks again for a few stored bytes before its own (seams.ts).
    const seam = resume === undefined ? 0 : seamLength(request, request.offset);
    const headers = new Headers(request.request.headers);
    for (const [name, value] of Object.entries(resume ?? {})) headers.set(name, value);
    if (seam > 0) headers.set('Range', `bytes=${request.offset - seam}-`);
    const limit = this.job.bandwidthLimit();
    const span = limit === undefined ? undefined : pacedSpan(limit);
    if (resume !== undefined && span !== undefined)
      headers.set('Range', boundedRange(request.offset - seam, span + seam));
    // The chunk cache only for an upload's body: opening it is a round trip to storage per attempt.
    const body =
      request.request.bodyChunkKeys.length === 0
        ? null
        : await openStoredBody(request.request, await store.chunks());

    const { stallTimeoutMs, headerTimeoutMs } = this.job.settings;
    const watchdog = stallWatchdog(controller, stallTimeoutMs, headerTimeoutMs);
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
      watchdog.answered();
      this.answered = true;
      this.outage = false;
      this.refusals = 0;
      const shown = answerHead(response);
      const head =
        this.hiddenEncoding && !isEncoded(shown) ? { ...shown, contentEncoding: HIDDEN_ENCODING } : shown;
      const { statuses } = this.job.settings.retry;
      const decision = decide(request, resume !== undefined, head, statuses, seam);
      if (decision.kind === 'refetch') {
        await response.body?.cancel();
        // A 206 whose Content-Range cannot be read (a cross-origin server that does not expose it): no resume of
        // this request can be checked; each restarts from zero.
        if (response.status === 206 && head.contentRange === null) request.resumable = false;
        if (resume === undefined) return new Error(decision.why);
        await this.restart();
        return undefined;
      }
      if (decision.kind === 'status' && decision.transient && !last) {
        await response.body?.cancel();
        return new BusyStatus(
          response.status,
          parseRetryAfter(response.headers.get('Retry-After'), Date.now()),
        );
      }
      if (decision.kind === 'store') {
        const bodiless = request.request.method === 'HEAD' || isNullBodyStatus(response.status);
        const refused = unacceptedHead(
          request.accept,
          response.headers.get('Content-Type'),
          bodiless ? null : decision.total,
        );
        if (refused !== undefined) return this.refuse(response, refused);
      }
      if (decision.kind === 'status' || decision.restart) await this.restart();
      if (request.offset === 0) {
        // A place an earlier attempt took and never stored a byte in is not this answer's.
        delete request.packed;
        request.response = responseHead(response, this.hiddenEncoding);
        request.etag = head.etag;
        request.lastModified = head.lastModified;
        // Bytes decoded by the browser cannot be continued by a range of the encoded ones; nor are bytes without a
        // validator that If-Range can name: a drop restarts such a request from zero.
        if (isEncoded(head) || ifRangeValidator(request) === null) request.resumable = false;
        // A HEAD answer's (or a 204's) Content-Length describes a body that never comes: nothing to count.
        const bodiless = request.request.method === 'HEAD' || isNullBodyStatus(response.status);
        request.total = decision.kind === 'store' && !bodiless ? decision.total : null;
        const { chunkSize } = this.job.settings;
        // A capped job gains nothing from more connections: it stays on one, paced span by span.
        const split = span === undefined && !this.oneConnection && splittable(request, head, chunkSize);
        if (decision.kind === 'store' && split) {
          request.ranges = equalRanges(request.total ?? 0, connectionsAtFirst(request));
          await this.job.persist(this.request);
          this.job.publish(true);
          return await this.fetchRanges(controller, { response, watchdog });
        }
        // A small answer fetched whole shares the run's pack (job-pack.ts); decoded bytes have no length to reserve.
        if (decision.kind === 'store' && !isEncoded(head)) store.place(request, request.total);
        // No write yet: nothing is stored, and a crash before the first commit restarts the request from zero
        // whatever IndexedDB says. The head goes with that commit's write (one write fewer per small file).
      } else if (decision.kind === 'store' && request.total === null && decision.total !== null) {
        // A first answer without a length (chunked), resumed: the total is learnt from the Content-Range, and
        // the record is complete only at it.
        request.total = decision.total;
        await this.job.persist(this.request);
      }
      // The job's first answer makes it `fetching` (at once); a later one is news for the next progress report.
      this.job.publish(!this.job.showsFetching());
      const paced =
        span !== undefined && decision.kind === 'store' && this.canPace(response, resume !== undefined);
      const target = this.wholeBody(decision.kind === 'store' && decision.from > 0 ? seam : 0);
      const stopped = await this.receive(
        response,
        watchdog,
        controller.signal,
        target,
        paced ? span : undefined,
      );
      if (this.job.failure !== null) return undefined;
      if (request.total !== null && request.offset > request.total)
        return this.outgrown(decision.kind === 'store' && decision.from === 0 && !stopped);
      // A capped attempt that read its span: the next one asks for the next span.
      if (stopped) return undefined;
      if (decision.kind === 'status') {
        request.state = 'failed';
        request.failure = 'bad-status';
        await this.job.persist(this.request);
        this.job.publish(true);
        return undefined;
      }
      if (request.total !== null && request.offset !== request.total) {
        // A 206 that ended as its Content-Range said, short of the total: a server that caps open-ended ranges.
        // Not a failure: the next attempt asks for the rest.
        if (response.status === 206) return undefined;
        // Shorter than Content-Length without an error: never a whole record. Resume (or restart) it.
        return new TypeError(`the body ended at ${request.offset} of ${request.total} bytes`);
      }
      return this.finish();
    } finally {
      watchdog.stop();
    }
  }

  /**
   * The rest of a request fetched as ranges, over several connections (ranged-fetch.ts); `first` is its first
   * answer, still being read. Resolves as `fetchRest` does.
   */
  private async fetchRanges(
    attempt: AbortController,
    first: OpenAnswer | undefined,
  ): Promise<Error | undefined> {
    const end = await new RangedFetch(this, attempt).run(first);
    if (end.kind === 'stopped' || this.job.failure !== null) return undefined;
    if (end.kind === 'failed') {
      this.answered = end.answered;
      return end.error instanceof Error ? end.error : new Error(String(end.error));
    }
    if (end.kind === 'restart') {
      if (end.outgrew) return this.outgrown(false);
      // Never two versions spliced: the new one is fetched whole (docs/architecture.md, "Ranges").
      if (end.resumable) this.oneConnection = true;
      else this.request.resumable = false;
      await this.restart();
      return undefined;
    }
    return this.finish();
  }

  /** Where a request fetched on one connection puts its answer: appended after its stored bytes. */
  private wholeBody(seam: number): BodyTarget {
    const { request } = this;
    return {
      writer: () => this.store.openWriter(request, this.job.ended),
      room: () => Number.POSITIVE_INFINITY,
      written: () => {},
      stored: (bytes) => {
        request.offset += bytes;
      },
      ended: () => this.releaseSlot(),
      seam: {
        length: seam,
        check: async (repeated) => {
          const stored = await this.store.storedBefore(request, request.offset, repeated.length);
          checkSeam(repeated, stored, request.offset);
        },
      },
    };
  }

  /**
   * Whether the rest of this answer can be asked for later, one span at a time (paced-range.ts): a `206`, or a
   * first answer whose bytes a resume can continue, unless its server says it takes no ranges (a cross-origin one
   * may not show `Accept-Ranges` at all; if its resume then fails, the request no longer resumes and is read
   * whole). A whole answer to a resume (a new version, a server that ignored the range) is read to its end:
   * stopping it would start it over each time.
   */
  private canPace(response: Response, resumed: boolean): boolean {
    const { request } = this;
    const noRanges = response.headers.get('Accept-Ranges')?.trim().toLowerCase() === 'none';
    const ranged = response.status === 206 || (!resumed && !noRanges);
    return (
      ranged &&
      request.total !== null &&
      resumeHeaders({ ...request, offset: 1 }, request.request.method) !== undefined
    );
  }

  /**
   * The body went past the `Content-Length` its answer gave, which only a body the browser decoded can do: the
   * server encodes it without showing it, and it is not resumed. Stored `whole` from one answer read to its end, it
   * is that body, of a length no header told: done, without the `Content-Length` of the encoded bytes. Otherwise (a
   * cut, a capped span, bytes continued from an earlier answer) it starts over, as the encoded answer it is.
   */
  private async outgrown(whole: boolean): Promise<Error | undefined> {
    const { request } = this;
    this.hiddenEncoding = true;
    request.resumable = false;
    if (!whole) {
      await this.restart();
      return undefined;
    }
    request.total = null;
    if (request.response !== null) request.response = withoutLength(request.response);
    return this.finish();
  }

  /** Whether each range's seam kept for now (ranged-fetch.ts `checkRangeSeam`) repeats the range before it. */
  private async rangeSeamsHold(): Promise<boolean> {
    const { request, store } = this;
    const ranges = request.ranges ?? [];
    for (const { start, seam } of ranges) {
      if (seam === undefined) continue;
      const before = ranges.find((other) => other.end === start);
      if (before === undefined) return false;
      if (!repeats(seam, await store.storedBefore(request, start, seam.length, before))) return false;
    }
    return true;
  }

  /** Every byte is stored: the record is done, unless its integrity does not hold. */
  private async finish(): Promise<Error | undefined> {
    const { request, store } = this;
    // A request fetched as ranges: its record's chunks are theirs, in the order of their bytes.
    if (request.ranges !== undefined) request.chunkKeys = rangeChunkKeys(request.ranges);
    // Bytes lost while this attempt ran (after the check before it): never a record with a gap in it.
    if (!(await store.intact(request))) {
      await this.restart();
      return new TypeError(`bgfetch: stored bytes of ${request.request.url} vanished; it starts over`);
    }
    // A range whose answer repeated other bytes than the range before it stored: not of the same bytes (an
    // encoding the server does not show). It starts over, never continued again, from one whole answer.
    if (!(await this.rangeSeamsHold())) {
      request.resumable = false;
      await this.restart();
      return undefined;
    }
    // A length the answer's head did not tell (chunked), known now.
    const tooSmall =
      request.request.method === 'HEAD' ? undefined : unacceptedSize(request.accept, request.offset);
    if (tooSmall !== undefined) return this.refuse(undefined, tooSmall);
    const whole = await integrityHolds(request, () => store.chunks());
    request.state = whole ? 'done' : 'failed';
    request.failure = whole ? '' : 'fetch-error';
    await this.job.persist(this.request);
    // A request done while the job is `fetching` changes only its figures; a failed one (its bytes no longer count)
    // is told at once.
    this.job.publish(!whole || !this.job.showsFetching());
    return undefined;
  }

  /**
   * Fails the request because the fetch's `accept` refused its answer (`why`): nothing of `response` is stored, and
   * its record has no response (the job fails, `fetch-error`; a stored copy elsewhere is never touched).
   */
  private async refuse(response: Response | undefined, why: string): Promise<undefined> {
    const { request } = this;
    await response?.body?.cancel();
    if (response !== undefined && request.offset === 0)
      request.response = responseHead(response, this.hiddenEncoding);
    request.state = 'failed';
    request.failure = 'fetch-error';
    request.refused = why;
    await this.job.persist(this.request);
    this.job.publish(true);
    return undefined;
  }

  /**
   * Streams the body into `target` (the request's store after its stored bytes, or one of its ranges up to its
   * end), committing every `chunkSize` bytes and recording the new offset in IndexedDB after each commit. When the
   * body fails (a cut, a stall), what was received is committed before the error goes on: the retry re-fetches only
   * what the browser itself dropped. Only a crash (the tab or worker gone mid-chunk) loses up to one chunk. Stops
   * early when the job's `downloadTotal` is exceeded (the job then fails). Each read waits its turn under the job's
   * bandwidth caps; with a `span`, it stops (`true`) once that many bytes are stored (paced-range.ts).
   */
  async receive(
    response: Response,
    watchdog: StallWatchdog,
    signal: AbortSignal,
    target: BodyTarget,
    span = Number.POSITIVE_INFINITY,
  ): Promise<boolean> {
    const { body } = response;
    const writer = await target.writer().catch(async (error: unknown) => {
      await body?.cancel().catch(() => {});
      throw error;
    });
    // Opened even without a body: a file record then exists, empty.
    if (body === null) {
      writer.close();
      return false;
    }
    const reader = bodyReader(body, writer.copies);
    const { chunkSize } = this.job.settings;
    // Bytes of this body written since its last commit (`this.live` counts those of every range).
    let live = 0;
    // Makes the bytes written since the last commit durable, and records the new offset.
    const commit = async () => {
      await writer.commit();
      target.stored(live);
      this.live -= live;
      live = 0;
      await this.job.persist(this.request);
    };
    let left = span;
    // A write that threw stored nothing of its piece, which `live` already counts: nothing is committed after it.
    let writeFailed = false;
    try {
      if (target.seam !== undefined && target.seam.length > 0) {
        watchdog.waiting(true);
        const repeated = await readExactly(reader, target.seam.length);
        watchdog.waiting(false);
        await target.seam.check(repeated);
      }
      for (;;) {
        // A range's end may move down while it is read (one more connection took its second half).
        const room = target.room();
        const wanted = Math.min(chunkSize - live, room, left);
        watchdog.waiting(true);
        const read = wanted > 0 ? await reader.next(wanted) : undefined;
        // The response's last byte is in: a first answer that has more outgrew its length.
        if (room === 0 && target.endsResponse?.() && ((await reader.next(1))?.byteLength ?? 0) > 0)
          throw new BodyOutgrown(
            `bgfetch: the body is longer than the ${this.request.total} bytes it announced`,
          );
        watchdog.waiting(false);
        const value =
          read !== undefined && read.byteLength > target.room() ? read.subarray(0, target.room()) : read;
        if (value !== undefined) {
          this.brought = true;
          // A continuation that brings bytes is readable (see `unreadableResume`).
          if (response.status === 206) this.unreadableResumes = 0;
          live += value.byteLength;
          this.live += value.byteLength;
          target.written(value.byteLength);
          left -= value.byteLength;
          if (this.job.overDownloadTotal(this)) {
            this.job.fail('download-total-exceeded');
            return false;
          }
          writeFailed = true;
          writer.write(value);
          writeFailed = false;
          this.job.publish(false);
          await this.job.throttle(value.byteLength, signal);
        }
        if (value === undefined) target.ended?.();
        if (live > 0 && (value === undefined || live >= chunkSize || left === 0)) {
          await commit();
          this.commits += 1;
        }
        if (value === undefined) return false;
        if (left === 0) return true;
      }
    } catch (error) {
      // Not after a pause or the job's end (an interrupt), nor when storage is full: the bytes could not be kept.
      const reason: unknown = signal.aborted ? signal.reason : error;
      const keep =
        !(reason instanceof Interrupt) && this.job.failure === null && !isQuotaError(reason) && !writeFailed;
      if (keep && live > 0) await commit();
      throw error;
    } finally {
      // What was written and not committed is lost: its range will ask for it again.
      this.live -= live;
      target.written(-live);
      writer.close();
      reader.cancel();
    }
  }

  /**
   * Drops the request's stored bytes: the next bytes start a new version from zero (`downloaded` goes down). A file
   * is cut to the new offset by the next writer; chunks of the old epoch are removed.
   */
  private async restart() {
    const { request } = this;
    const stale = [...request.chunkKeys, ...rangeChunkKeys(request.ranges ?? [])];
    delete request.ranges;
    // Its place in the pack stays unused: a new version never shares bytes with the old one.
    delete request.packed;
    // Unreadable continuations count only in a row, and a new version has had none.
    this.unreadableResumes = 0;
    request.epoch += 1;
    request.offset = 0;
    request.chunkKeys = [];
    request.etag = null;
    request.lastModified = null;
    request.total = null;
    request.response = null;
    await this.job.persist(this.request);
    this.job.publish(true);
    await this.store.discard(stale);
  }
}

function isEncoded(head: AnswerHead): boolean {
  return head.contentEncoding !== null && head.contentEncoding.toLowerCase() !== 'identity';
}

/**
 * The stored record's head: a resumed answer's `Content-Range` says nothing of the whole response, nor, when the
 * answer's encoding is hidden, its `Content-Length` of the decoded body the record holds.
 */
function responseHead(response: Response, hiddenEncoding: boolean): ResponseHead {
  const head = {
    url: response.url,
    status: response.status,
    statusText: response.statusText,
    headers: [...response.headers].filter(([name]) => name.toLowerCase() !== 'content-range'),
  };
  return hiddenEncoding ? withoutLength(head) : head;
}

function withoutLength(head: ResponseHead): ResponseHead {
  return { ...head, headers: head.headers.filter(([name]) => name.toLowerCase() !== 'content-length') };
}

/** What an answer's head counts as encoded with when its encoding is hidden (see `RequestRun.hiddenEncoding`). */
const HIDDEN_ENCODING = 'hidden';
