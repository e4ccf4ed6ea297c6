import type { BodyWriter } from './body-writer.js';
import { ConnectionRamp } from './connection-ramp.js';
import type { RangeState, RequestState } from './db.js';
import { hostSlots, type ReleaseSlot } from './host-slots.js';
import { type AnswerHead, answerHead, BodyOutgrown, decide, ifRangeValidator } from './http.js';
import { Interrupt } from './interrupt.js';
import { originAnswers } from './origin-answers.js';
import { AUTO_CONNECTIONS_CAP, minRangeBytes, rangeDone, rangePosition, splitLargest } from './ranges.js';
import type { RunningJob } from './request-run.js';
import type { RangeWriters, RequestStore } from './request-store.js';
import { checkSeam, hidesHeaders, SeamMismatch, seamLength } from './seams.js';
import { type StallWatchdog, stallWatchdog } from './stall-watchdog.js';
import { isQuotaError } from './storage-full.js';

/** Where `receive` (request-run.ts) puts one answer's bytes: the whole request, or one of its ranges. */
export interface BodyTarget {
  writer(): Promise<BodyWriter>;
  /** Bytes of the answer still wanted past those written (Infinity: all of them); 0 ends the read. */
  room(): number;
  /** `bytes` more are written, not yet committed (negative: written bytes dropped uncommitted). */
  written(bytes: number): void;
  /** `bytes` more are stored (committed). */
  stored(bytes: number): void;
  /** The answer was read to its end: its connection is free for another request before the bytes are committed. */
  ended?(): void;
  /**
   * The answer's first bytes repeat stored ones (seams.ts): `length` of them are read and handed to `check`, not
   * written; `check` throws `SeamMismatch` when they are not the stored ones.
   */
  seam?: { length: number; check(repeated: Uint8Array): Promise<void> };
  /** Whether `room()` ends where the whole response ends: bytes past it outgrow the response (`BodyOutgrown`). */
  endsResponse?(): boolean;
}

/** What the ranges need of the request's run (request-run.ts). */
export interface RangesHost {
  readonly request: RequestState;
  readonly store: RequestStore;
  readonly job: RunningJob;
  /** Bytes written but not yet committed, across the request: `live` of each range too. */
  live: number;
  /**
   * Counts a continuation's answer whose body failed before its first byte, its origin answering: `true` when
   * that happened twice running, and the request is to start over without ranges (request-run.ts).
   */
  unreadableAnswer(): boolean;
  /** Streams `response`'s body into `target`, committing as it goes (request-run.ts). */
  receive(
    response: Response,
    watchdog: StallWatchdog,
    signal: AbortSignal,
    target: BodyTarget,
  ): Promise<boolean>;
}

/**
 * An answer being read: the first one of the request (its range 0), handed over with its watchdog, or a range's,
 * whose first `seam` bytes repeat stored ones (seams.ts).
 */
export interface OpenAnswer {
  response: Response;
  watchdog: StallWatchdog;
  seam?: number;
}

/** How fetching the ranges ended, for one attempt. */
export type RangesEnd =
  | { kind: 'stored' }
  /** A range failed (a cut, a stall, a busy server): the next attempt asks for what each range still lacks. */
  | { kind: 'failed'; error: unknown; answered: boolean }
  /**
   * A range's answer was of another version (or not the range asked for): the request starts over, from one
   * connection; `resumable: false` when its server cannot be resumed at all (it ignored or mangled the range, or
   * its first answer `outgrew` its length: an encoding the server does not show).
   */
  | { kind: 'restart'; resumable: boolean; outgrew?: true }
  /** Stopped before every range was stored, not by a failure: a pause, going offline, the job's end. */
  | { kind: 'stopped' };

/**
 * One attempt at a request fetched as byte ranges (ranges.ts, docs/architecture.md "Ranges"): one connection per
 * range not yet stored, each asking for its rest with `Range` + `If-Range` and writing at its position. A range
 * that fails ends alone; the others go on, and the next attempt asks only for what is missing. With
 * `connections: 'auto'` a ramp (connection-ramp.ts) cuts the largest range in two for one more connection while
 * that raises the throughput, and a connection that is done takes half of the largest range left.
 */
export class RangedFetch {
  private readonly lanes = new Set<Promise<void>>();
  private readonly live = new Map<RangeState, number>();
  private errors: unknown[] = [];
  /** A continuation of this attempt brought no byte before it failed: counted once per attempt. */
  private unreadCounted = false;
  private restart: { resumable: boolean; outgrew?: true } | undefined;
  private quota: unknown;
  private answered = false;
  private ramp: ConnectionRamp | undefined;
  private writers: RangeWriters | undefined;

  /**
   * `stop` is the attempt's: aborted, it stops every range (a pause, the job's end, an answer of another version),
   * the first answer's body with them.
   */
  constructor(
    private readonly host: RangesHost,
    private readonly stop: AbortController,
  ) {}

  private get ranges(): RangeState[] {
    return this.host.request.ranges ?? [];
  }

  /** Fetches every range not stored yet; `first` is the request's first answer, which carries range 0. */
  async run(first: OpenAnswer | undefined): Promise<RangesEnd> {
    const { host } = this;
    const { settings } = host.job;
    this.writers = await host.store.openRanges(host.request, host.job.ended);
    let timer: ReturnType<typeof setInterval> | undefined;
    try {
      const open = this.ranges.filter((range) => !rangeDone(range));
      // The first range not stored uses the attempt's place in the host's slots (and the first answer, if any).
      for (const [index, range] of open.entries())
        this.open(range, range.start === 0 ? first : undefined, index === 0);
      if (first !== undefined && open[0]?.start !== 0) await first.response.body?.cancel();
      if (host.request.connections === undefined) {
        const ramp = new ConnectionRamp(this.lanes.size, AUTO_CONNECTIONS_CAP, Date.now(), this.received());
        this.ramp = ramp;
        timer = setInterval(() => {
          if (ramp.tick(Date.now(), this.received()) && !this.openAnother()) ramp.declined();
        }, settings.progressIntervalMs);
      }
      // Ranges added while waiting (the ramp, a connection that took half of another's) are waited for too.
      while (this.lanes.size > 0) await Promise.all([...this.lanes]);
    } finally {
      clearInterval(timer);
      this.writers.close();
    }
    if (this.quota !== undefined) throw this.quota;
    if (this.restart !== undefined) return { kind: 'restart', ...this.restart };
    const [error] = this.errors;
    if (error !== undefined) return { kind: 'failed', error, answered: this.answered };
    return this.ranges.every(rangeDone) ? { kind: 'stored' } : { kind: 'stopped' };
  }

  /** Bytes of the request received so far (stored and written). */
  private received(): number {
    return this.host.request.offset + this.host.live;
  }

  private open(range: RangeState, first: OpenAnswer | undefined, attemptSlot = false) {
    const lane = this.lane(range, first, attemptSlot).finally(() => this.lanes.delete(lane));
    this.lanes.add(lane);
  }

  /** Cuts the largest range left in two and opens a connection for its second half: `false` when none is left. */
  private openAnother(): boolean {
    if (this.stop.signal.aborted) return false;
    const { request, job } = this.host;
    const min = minRangeBytes(request, job.settings.chunkSize);
    const added = splitLargest(this.ranges, (range) => this.live.get(range) ?? 0, min);
    if (added === undefined) return false;
    // Written before its first byte is: a reload finds the range and fetches it, never a gap.
    void job.persist(request).catch(() => {});
    this.open(added, undefined);
    return true;
  }

  /**
   * One connection at a time for `range`, until it is stored, fails, or every range is stopped; in the attempt's
   * slot, or in one of its own.
   */
  private async lane(range: RangeState, first: OpenAnswer | undefined, attemptSlot: boolean): Promise<void> {
    const { host } = this;
    const controller = new AbortController();
    const stopped = () => controller.abort(this.stop.signal.reason);
    if (this.stop.signal.aborted) return;
    this.stop.signal.addEventListener('abort', stopped, { once: true });
    let release: ReleaseSlot = () => {};
    let answered = first !== undefined;
    // Where the answer being read started, and whether it is a continuation this lane asked for.
    let from = rangePosition(range);
    let continuation = false;
    try {
      if (!attemptSlot) {
        const origin = new URL(host.request.request.url).origin;
        release = await hostSlots.acquire(origin, host.job.settings.connectionsPerHost, controller.signal);
      }
      let answer = first;
      while (!rangeDone(range) && !controller.signal.aborted) {
        continuation = false;
        if (answer === undefined) {
          answer = await this.ask(range, controller);
          continuation = answer !== undefined;
        }
        if (answer === undefined) return;
        answered = true;
        this.answered = true;
        from = rangePosition(range);
        try {
          const target = this.target(range, answer.seam ?? 0);
          await host.receive(answer.response, answer.watchdog, controller.signal, target);
        } finally {
          answer.watchdog.stop();
        }
        answer = undefined;
        // An answer that ended short is asked again (a server that caps ranges), unless it brought nothing.
        if (rangePosition(range) === from && !rangeDone(range))
          throw new TypeError(`bgfetch: an answer for bytes from ${from} ended without one`);
      }
      if (rangeDone(range) && this.ramp !== undefined) this.openAnother();
    } catch (error) {
      const reason: unknown = controller.signal.aborted ? controller.signal.reason : error;
      await this.failed(reason, answered, continuation && rangePosition(range) === from);
    } finally {
      this.stop.signal.removeEventListener('abort', stopped);
      release();
      controller.abort(new Interrupt('range over'));
    }
  }

  /**
   * A range's failure: the attempt's end and a pause are none; full storage ends the job; the rest are retried.
   * `unread`: the range's answer was a continuation that brought no byte.
   */
  private async failed(reason: unknown, answered: boolean, unread: boolean) {
    const { job, request } = this.host;
    if (reason instanceof Interrupt || job.failure !== null) return;
    // Its answer is not of the stored bytes (seams.ts), or the first answer outgrew its length (an encoding the
    // server does not show): the request starts over, never continued again.
    if (reason instanceof SeamMismatch) return this.startOver(false);
    if (reason instanceof BodyOutgrown) return this.startOver(false, true);
    if (isQuotaError(reason)) {
      this.quota ??= reason;
      job.fail('quota-exceeded');
      return;
    }
    // A cross-origin range refused without an answer while its server answers (a preflight for `If-Range` it
    // refuses): no range of it can be fetched; the request starts over on one connection (as a resume does). So
    // does one whose body the browser cannot read, twice running (request-run.ts `unreadableResume`).
    const network = reason instanceof TypeError;
    if (
      hidesHeaders(request) &&
      (!answered || unread) &&
      network &&
      (await originAnswers(request.request.url))
    ) {
      if (!answered) return this.startOver(false);
      // Lanes that fail together count once: only the attempts running the same way twice.
      const counted = this.unreadCounted;
      this.unreadCounted = true;
      if (!counted && this.host.unreadableAnswer()) return this.startOver(false);
    }
    this.errors.push(reason);
  }

  /** Stops every range: the request starts over. */
  private startOver(resumable: boolean, outgrew = false) {
    this.restart ??= outgrew ? { resumable, outgrew } : { resumable };
    this.stop.abort(new Interrupt('the request starts over'));
  }

  /**
   * Asks for the rest of `range` (to its end, or open-ended for the last one, as a resume does) of the version the
   * stored bytes are. `undefined` when the answer is not that (the request then starts over).
   */
  private async ask(range: RangeState, controller: AbortController): Promise<OpenAnswer | undefined> {
    const { request, job } = this.host;
    const from = rangePosition(range);
    // A range with bytes of its own repeats only its own; a new one the end of the range before it.
    const seam = seamLength(request, range.stored > 0 ? range.stored : from);
    const headers = new Headers(request.request.headers);
    const last = range.end === request.total;
    headers.set('Range', `bytes=${from - seam}-${last ? '' : range.end - 1}`);
    headers.set('If-Range', ifRangeValidator(request) ?? '');
    const watchdog = stallWatchdog(controller, job.settings.stallTimeoutMs, job.settings.headerTimeoutMs);
    let response: Response;
    try {
      response = await fetch(request.request.url, {
        method: 'GET',
        headers,
        mode: request.mode,
        credentials: request.credentials,
        cache: 'no-store',
        signal: controller.signal,
      });
    } catch (error) {
      watchdog.stop();
      throw error;
    }
    watchdog.answered();
    const head = answerHead(response);
    const decision = decide({ ...request, offset: from }, true, head, job.settings.retry.statuses, seam);
    if (decision.kind === 'store' && !decision.restart) return { response, watchdog, seam };
    watchdog.stop();
    await response.body?.cancel();
    if (decision.kind === 'status' && decision.transient) throw new Error(`status ${response.status}`);
    // A new version starts over (on one connection for the rest of the run); a server that ignored or mangled the
    // range is not resumed again.
    this.startOver(newVersion(request, head));
    return undefined;
  }

  /**
   * Where a range's bytes go: at its position, up to its end (which a cut for one more connection moves), after the
   * `seam` bytes its answer repeats.
   */
  private target(range: RangeState, seam: number): BodyTarget {
    const { request } = this.host;
    const writers = this.writers;
    if (writers === undefined) throw new Error('bgfetch: ranges written before they were opened');
    return {
      writer: async () => writers.writerOf(range),
      room: () => range.end - rangePosition(range) - (this.live.get(range) ?? 0),
      written: (bytes) => this.live.set(range, (this.live.get(range) ?? 0) + bytes),
      stored: (bytes) => {
        range.stored += bytes;
        request.offset += bytes;
        this.live.set(range, 0);
      },
      seam: { length: seam, check: (repeated) => this.checkRangeSeam(range, repeated) },
      // Only a cross-origin answer can hide its encoding: a same-origin one shows it (an encoded one is never fetched
      // as ranges).
      endsResponse: () => range.end === request.total && hidesHeaders(request),
    };
  }

  /**
   * Compares what a range's answer repeated with the stored bytes before it: its own, or those of the range before
   * it once that one is stored; until then they are kept on the range, for `finish` (request-run.ts).
   */
  private async checkRangeSeam(range: RangeState, repeated: Uint8Array) {
    const { request, store } = this.host;
    const at = rangePosition(range);
    const before = range.stored > 0 ? range : this.ranges.find((other) => other.end === range.start);
    if (before === undefined || (before !== range && !rangeDone(before))) {
      range.seam = Array.from(repeated);
      return;
    }
    checkSeam(repeated, await store.storedBefore(request, at, repeated.length, before), at);
  }
}

/** Whether `head` names another version than the stored bytes (a changed ETag or Last-Modified). */
function newVersion(request: RequestState, head: AnswerHead): boolean {
  const etag = request.etag !== null && head.etag !== null && head.etag !== request.etag;
  const date =
    request.lastModified !== null && head.lastModified !== null && head.lastModified !== request.lastModified;
  return etag || date;
}
