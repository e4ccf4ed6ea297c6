import type { RegistrationSnapshot } from '../client/snapshot.js';
import type { BackgroundFetchFailureReason } from '../spec/spec-types.js';
import { ChangeSignal } from '../support/change-signal.js';
import { type JobState, type JobsDb, updateJob } from './db.js';
import { savingSnapshot, snapshotOf } from './job.js';
import { chunkKey } from './keys.js';
import type { HandoffAnswer, HandoffMessage, WorkerSettings } from './protocol.js';
import type { QueuePlace } from './queue-store.js';
import { RequestRun, type RunningJob } from './request-run.js';
import { requestStore } from './request-store.js';
import { settle } from './settle.js';

/** What a runner needs from the worker around it. */
export interface RunnerDeps {
  settings: WorkerSettings;
  /** The database (opened again after another context made it let go). */
  db: () => Promise<JobsDb>;
  origin: string;
  online(): boolean;
  /** The connection is metered (metered-network.ts). */
  metered(): boolean;
  /** Counts bytes the job read and waits until its bandwidth caps allow the next read (bandwidth.ts). */
  throttle(bytes: number, signal: AbortSignal): Promise<void>;
  /** The tightest bandwidth cap the job is under now, in bytes a second; `undefined`: none. */
  bandwidthLimit(): number | undefined;
  /** Reports and broadcasts a snapshot; progress-only ones may be throttled unless `immediate`. */
  publish(snapshot: RegistrationSnapshot, immediate: boolean): void;
  /** Hands the job's event to the active service worker, if there is one (protocol.ts). */
  handoff(message: HandoffMessage): Promise<HandoffAnswer>;
  /** Its outcome is stored: its place among the jobs downloading goes to the next in line (queue-store.ts). */
  downloadOver(): void;
}

/**
 * Runs one job while this worker holds its lock: one `RequestRun` per pending request (request-run.ts), the flags
 * other tabs set (pause, abort) applied as they change, the outcome decided once every run is over, and the settled
 * job handed off and removed (settle.ts). Every write of the job to IndexedDB goes through `persist`.
 */
export class JobRunner implements RunningJob {
  failure: BackgroundFetchFailureReason | null = null;
  /**
   * The job's record now belongs to another job under the same id (its record was cleared, and the id started
   * again): this runner stops without writing, settling or removing anything, and lets go of the lock.
   */
  superseded = false;
  private readonly end = new AbortController();
  private runs: RequestRun[] = [];
  /** Reports made so far: the order of this runner's snapshots (report-order.ts). */
  private reports = 0;
  /** The job's latest write to IndexedDB, and the one callers of `persist` join while it waits to start. */
  private lastWrite: Promise<void> = Promise.resolve();
  private nextWrite: Promise<void> | undefined;
  private readonly change = new ChangeSignal();
  /** Its place in the origin's queue (queue-store.ts): it downloads only at place 0; `undefined` until known. */
  private queue: QueuePlace | undefined;

  constructor(
    private readonly job: JobState,
    private readonly deps: RunnerDeps,
  ) {}

  get id(): string {
    return this.job.id;
  }

  get settings(): WorkerSettings {
    return this.deps.settings;
  }

  get ended(): AbortSignal {
    return this.end.signal;
  }

  snapshot(recordsAvailable = true): RegistrationSnapshot {
    const live = this.runs.map((run) => run.live);
    // A request waiting out an outage shows the job as offline, though the browser says it is online.
    const online = this.deps.online() && !this.runs.some((run) => run.outage);
    return snapshotOf(
      this.job,
      live,
      online,
      recordsAvailable,
      ++this.reports,
      this.queue,
      this.deps.metered(),
    );
  }

  async run(): Promise<void> {
    const { job } = this;
    if (job.outcome === null) {
      if (job.abortRequested) this.failure = 'aborted';
      this.publish(true);
      this.runs = job.requests.map((request, index) => {
        const keyOf = (n: number | string) =>
          chunkKey(this.deps.origin, job.id, job.token, index, request.epoch, n);
        return new RequestRun(request, requestStore(request, keyOf), this);
      });
      await this.joinRuns();
      if (this.superseded) return;
      const failed = job.requests.find((request) => request.state === 'failed');
      job.outcome =
        this.failure !== null || failed !== undefined
          ? { result: 'failure', failureReason: this.failure ?? failed?.failure ?? 'fetch-error' }
          : { result: 'success', failureReason: '' };
      await this.persist().catch(() => {});
      this.deps.downloadOver();
    }
    if (job.outcome.result === 'success' && !job.handedOff)
      this.deps.publish(savingSnapshot(this.snapshot()), true);
    await settle(job, {
      db: this.deps.db,
      origin: this.deps.origin,
      cacheName: this.deps.settings.cacheName,
      handoff: (message) => this.deps.handoff(message),
      snapshot: (recordsAvailable) => this.snapshot(recordsAvailable),
      publish: (snapshot) => this.deps.publish(snapshot, true),
      persist: () => this.persist(),
    });
  }

  /**
   * Waits for every request's run. One that throws (IndexedDB refusing a write) ends the others, and its error goes
   * up only once they are all over: the lock is let go (and another tab may take the job) only when nothing of this
   * runner still writes.
   */
  private async joinRuns(): Promise<void> {
    const ends = await Promise.allSettled(
      this.runs.map((run) =>
        run.run().catch((error: unknown) => {
          this.fail('fetch-error');
          throw error;
        }),
      ),
    );
    const thrown = ends.find((end) => end.status === 'rejected');
    if (thrown !== undefined) throw thrown.reason;
  }

  /** Another tab (or this one) changed the job's flags in IndexedDB: apply them. */
  async refreshFlags(): Promise<void> {
    const stored = await (await this.deps.db()).get('jobs', this.job.id);
    if (stored) this.applyFlags(stored);
  }

  private supersede() {
    this.superseded = true;
    this.fail('aborted');
  }

  /** The network changed: offline, or metered while the job wants an unmetered one, stops its attempts. */
  onlineChanged(): void {
    if (!this.deps.online()) this.interrupt('offline');
    if (this.waitsForNetwork()) this.interrupt('metered network');
    this.change.notify();
    this.publish(true);
  }

  canRun(): boolean {
    return !this.job.paused && this.deps.online() && !this.waitsForNetwork() && this.queue?.place === 0;
  }

  private waitsForNetwork(): boolean {
    return this.job.network === 'unmetered' && this.deps.metered();
  }

  throttle(bytes: number, signal: AbortSignal): Promise<void> {
    return this.deps.throttle(bytes, signal);
  }

  bandwidthLimit(): number | undefined {
    return this.deps.bandwidthLimit();
  }

  /** The scheduler read the job's place in the queue (`undefined`: it has none, being paused or over). */
  queueChanged(queue: QueuePlace | undefined): void {
    // An ended job has no place; its reports are the settling's own (a report here would show a verdict early).
    if (this.job.outcome !== null) return;
    if (queue?.place === this.queue?.place && queue?.priority === this.queue?.priority) return;
    this.queue = queue;
    this.change.notify();
    this.publish(true);
  }

  changed(): Promise<void> {
    return this.change.next();
  }

  /** Ends the job at once: every attempt stops, the first reason wins. */
  fail(reason: BackgroundFetchFailureReason): void {
    this.failure ??= reason;
    this.end.abort(reason);
    this.interrupt(reason);
    this.change.notify();
  }

  overDownloadTotal(): boolean {
    const { downloadTotal, requests } = this.job;
    if (downloadTotal === 0) return false;
    const stored = requests.reduce((sum, request) => sum + request.offset, 0);
    const live = this.runs.reduce((sum, run) => sum + run.live, 0);
    return stored + live > downloadTotal;
  }

  /**
   * Writes the job, keeping the flags other tabs may have set meanwhile (and the claim of its event), and applies
   * those flags here. Never over
   * another job under the same id (a later `fetch()` with a new token): that one's record is left as it is.
   * Resolves once a write that began after the call is done.
   */
  persist(): Promise<void> {
    // IndexedDB runs a store's write transactions one at a time, and each writes the whole job: callers that come
    // while one runs share the next, which starts after their call and so holds their changes.
    if (this.nextWrite !== undefined) return this.nextWrite;
    const next = this.lastWrite
      .catch(() => {})
      .then(() => {
        this.nextWrite = undefined;
        return this.write();
      });
    this.nextWrite = next;
    this.lastWrite = next;
    return next;
  }

  private async write(): Promise<void> {
    const stored = await updateJob(await this.deps.db(), this.job.id, (current) => {
      if (current === undefined || current.token !== this.job.token) return { value: current };
      // Who claimed the settled job's event, and the job's own bandwidth cap, are the record's alone: any tab may set
      // them (db.ts `claimDispatch`, `setJobBandwidth`).
      const { dispatch, maxBytesPerSecond } = current;
      const { maxBytesPerSecond: _mine, ...job } = {
        ...this.job,
        paused: current.paused,
        abortRequested: current.abortRequested,
      };
      const kept = {
        ...job,
        ...(dispatch === undefined ? {} : { dispatch }),
        ...(maxBytesPerSecond === undefined ? {} : { maxBytesPerSecond }),
      };
      return { job: kept, value: current };
    });
    if (stored) this.applyFlags(stored);
  }

  publish(immediate: boolean): void {
    this.deps.publish(this.snapshot(), immediate);
  }

  private applyFlags({
    token,
    paused,
    abortRequested,
  }: Pick<JobState, 'token' | 'paused' | 'abortRequested'>) {
    if (token !== this.job.token) return this.supersede();
    if (abortRequested && !this.job.abortRequested) {
      this.job.abortRequested = true;
      this.fail('aborted');
    }
    if (paused !== this.job.paused) {
      this.job.paused = paused;
      if (paused) this.interrupt('paused');
      this.change.notify();
      this.publish(true);
    }
  }

  private interrupt(why: string) {
    for (const run of this.runs) run.interrupt(why);
  }
}
