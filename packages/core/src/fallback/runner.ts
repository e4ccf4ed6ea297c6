import type { FetchStatus, RegistrationSnapshot } from '../client/snapshot.js';
import type { BackgroundFetchFailureReason } from '../spec/spec-types.js';
import { ChangeSignal } from '../support/change-signal.js';
import { JOBS_STORE, type JobHead, type JobState, type JobsDb, type RequestState } from './db.js';
import { savingSnapshot, snapshotOf } from './job.js';
import { JobPack } from './job-pack.js';
import { writeRun } from './job-records.js';
import { chunkKey, packName } from './keys.js';
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
  /**
   * Reports and broadcasts the snapshot `report` builds; progress-only ones may be throttled unless `immediate`
   * (`report` is then called only if and when the snapshot is sent, and may then return nothing to send).
   */
  publish(report: () => RegistrationSnapshot | undefined, immediate: boolean): void;
  /** Hands the job's event to the active service worker, if there is one (protocol.ts). */
  handoff(message: HandoffMessage): Promise<HandoffAnswer>;
  /** Its outcome is stored: its place among the jobs downloading goes to the next in line (queue-store.ts). */
  downloadOver(): void;
}

/**
 * Runs one job while this worker holds its lock: one `RequestRun` per pending request (request-run.ts), the flags
 * other tabs set (pause, abort) applied as they change, the outcome decided once every run is over, and the settled
 * job handed off and removed (settle.ts). Every write of the job to IndexedDB goes through `persist`, which writes
 * only what changed (job-records.ts): the cost of a commit does not grow with the number of requests.
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
  /** What the next write holds: the head, and the requests (by index) changed since the last write began. */
  private headChanged = false;
  private readonly changedRequests = new Set<number>();
  /** Each request's index in the job (its record's key). */
  private readonly indexes = new Map<RequestState, number>();
  /** The bytes every request has stored (the sum of their offsets), kept as their records are written. */
  private storedBytes = 0;
  private readonly storedOffsets = new Map<RequestState, number>();
  /** Runs that said they hold bytes not yet committed (`overDownloadTotal`). */
  private readonly receiving = new Set<RequestRun>();
  private readonly change = new ChangeSignal();
  /** The file this run's small responses share (job-pack.ts), flushed before each write of their offsets. */
  private readonly pack: JobPack;
  /** Its place in the origin's queue (queue-store.ts): it downloads only at place 0; `undefined` until known. */
  private queue: QueuePlace | undefined;
  /**
   * The status of the latest snapshot built. Every change of the job's status is reported at once, so while it is
   * `fetching` a request's answer or end changes only figures, which go with the progress (a report at once per
   * request would build every request's progress each time: a cost that grows with the square of the requests).
   */
  private shownStatus: FetchStatus | undefined;

  constructor(
    private readonly job: JobState,
    private readonly deps: RunnerDeps,
  ) {
    this.pack = new JobPack(packName(job.token));
    job.requests.forEach((request, index) => {
      this.indexes.set(request, index);
      this.storedOffsets.set(request, request.offset);
      this.storedBytes += request.offset;
    });
  }

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
    const snapshot = snapshotOf(
      this.job,
      live,
      online,
      recordsAvailable,
      ++this.reports,
      this.queue,
      this.deps.metered(),
    );
    this.shownStatus = snapshot.status;
    return snapshot;
  }

  showsFetching(): boolean {
    return this.shownStatus === 'fetching';
  }

  async run(): Promise<void> {
    const { job } = this;
    if (job.outcome === null) {
      if (job.abortRequested) this.failure = 'aborted';
      this.publish(true);
      this.runs = job.requests.map((request, index) => {
        const keyOf = (n: number | string) =>
          chunkKey(this.deps.origin, job.id, job.token, index, request.epoch, n);
        return new RequestRun(request, requestStore(request, keyOf, this.pack), this);
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
      this.deps.publish(() => savingSnapshot(this.snapshot()), true);
    await settle(job, {
      db: this.deps.db,
      origin: this.deps.origin,
      cacheName: this.deps.settings.cacheName,
      handoff: (message) => this.deps.handoff(message),
      snapshot: (recordsAvailable) => this.snapshot(recordsAvailable),
      publish: (snapshot) => this.deps.publish(() => snapshot, true),
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
    const stored = await (await this.deps.db()).get(JOBS_STORE, this.job.id);
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

  overDownloadTotal(run: RequestRun): boolean {
    const { downloadTotal } = this.job;
    if (downloadTotal === 0) return false;
    // A run's `live` grows only just before it asks here, so every run holding uncommitted bytes is in the set:
    // the few downloading now, not every request.
    this.receiving.add(run);
    let live = 0;
    for (const each of this.receiving) {
      if (each.live === 0) this.receiving.delete(each);
      else live += each.live;
    }
    return this.storedBytes + live > downloadTotal;
  }

  /**
   * Writes `request`'s record, or the job's head when there is none (keeping the flags other tabs may have set
   * meanwhile, and the claim of its event), and applies the stored flags here. Never over another job under the
   * same id (a later `fetch()` with a new token): that one's records are left as they are. Resolves once a write
   * that began after the call is done.
   */
  persist(request?: RequestState): Promise<void> {
    if (request === undefined) this.headChanged = true;
    else this.requestChanged(request);
    // IndexedDB runs the job's write transactions one at a time: callers that come while one runs share the next,
    // which starts after their call and so holds their changes.
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

  private requestChanged(request: RequestState) {
    const index = this.indexes.get(request);
    if (index === undefined) throw new Error('bgfetch: persist() of a request of another job');
    this.changedRequests.add(index);
    this.storedBytes += request.offset - (this.storedOffsets.get(request) ?? 0);
    this.storedOffsets.set(request, request.offset);
  }

  private async write(): Promise<void> {
    const head = this.headChanged;
    const changed = [...this.changedRequests];
    this.headChanged = false;
    this.changedRequests.clear();
    let stored: JobHead | undefined;
    try {
      // The bytes these records say are stored are on disk before they say so.
      this.pack.flush();
      stored = await writeRun(await this.deps.db(), this.job, head, changed);
    } catch (error) {
      // Not written: the next write holds them again.
      this.headChanged ||= head;
      for (const index of changed) this.changedRequests.add(index);
      throw error;
    }
    if (stored) this.applyFlags(stored);
  }

  publish(immediate: boolean): void {
    // Built when sent, which may be later (throttled): once the job has an outcome its reports are the settling's
    // own, and one built here would show the verdict before the records are handed off.
    this.deps.publish(() => (this.job.outcome === null ? this.snapshot() : undefined), immediate);
  }

  private applyFlags({
    token,
    paused,
    abortRequested,
  }: Pick<JobHead, 'token' | 'paused' | 'abortRequested'>) {
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
