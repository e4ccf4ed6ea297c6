import { ChangeSignal } from '../change-signal.js';
import type { RegistrationSnapshot } from '../snapshot.js';
import type { BackgroundFetchFailureReason } from '../spec-types.js';
import type { BridgeDispatchMessage } from '../stored-record.js';
import { type JobState, type JobsDb, updateJob } from './db.js';
import { snapshotOf } from './job.js';
import { chunkKey } from './keys.js';
import type { WorkerSettings } from './protocol.js';
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
  /** Reports and broadcasts a snapshot; progress-only ones may be throttled unless `immediate`. */
  publish(snapshot: RegistrationSnapshot, immediate: boolean): void;
  /** `true` when a service worker took the job's event; `false` when there is none. */
  handoff(message: BridgeDispatchMessage): Promise<boolean>;
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
  /** The job's latest write to IndexedDB, and the one callers of `persist` join while it waits to start. */
  private lastWrite: Promise<void> = Promise.resolve();
  private nextWrite: Promise<void> | undefined;
  private readonly change = new ChangeSignal();

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
    return snapshotOf(this.job, live, online, recordsAvailable);
  }

  async run(): Promise<void> {
    const { job } = this;
    if (job.outcome === null) {
      if (job.abortRequested) this.failure = 'aborted';
      this.publish(true);
      this.runs = job.requests.map((request, index) => {
        const keyOf = (n: number) => chunkKey(this.deps.origin, job.id, job.token, index, request.epoch, n);
        return new RequestRun(request, requestStore(request, keyOf), this);
      });
      await Promise.all(this.runs.map((run) => run.run()));
      if (this.superseded) return;
      const failed = job.requests.find((request) => request.state === 'failed');
      job.outcome =
        this.failure !== null || failed !== undefined
          ? { result: 'failure', failureReason: this.failure ?? failed?.failure ?? 'fetch-error' }
          : { result: 'success', failureReason: '' };
      await this.persist().catch(() => {});
    }
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

  /** Another tab (or this one) changed the job's flags in IndexedDB: apply them. */
  async refreshFlags(): Promise<void> {
    const stored = await (await this.deps.db()).get('jobs', this.job.id);
    if (stored) this.applyFlags(stored);
  }

  private supersede() {
    this.superseded = true;
    this.fail('aborted');
  }

  onlineChanged(): void {
    if (!this.deps.online()) this.interrupt('offline');
    this.change.notify();
    this.publish(true);
  }

  canRun(): boolean {
    return !this.job.paused && this.deps.online();
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
   * Writes the job, keeping the flags other tabs may have set meanwhile, and applies those flags here. Never over
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
      return {
        job: { ...this.job, paused: current.paused, abortRequested: current.abortRequested },
        value: current,
      };
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
