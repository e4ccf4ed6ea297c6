import type { FetchPriority } from '../client/priority.js';
import { isSettled, type RegistrationSnapshot } from '../client/snapshot.js';
import { FALLBACK_CHUNK_CACHE, type StoredRecord } from '../wire/stored-record.js';
import { Bandwidth } from './bandwidth.js';
import {
  type JobHead,
  type JobsDb,
  jobsConnection,
  type RequestState,
  requestAbort,
  setJobBandwidth,
} from './db.js';
import { canWriteFiles } from './file-writer.js';
import { newJobState, newRequestState, snapshotOf, storedRecordOf } from './job.js';
import { readJob, readJobs, takeJob } from './job-records.js';
import { bodyKey, fileName, newToken } from './keys.js';
import { isMetered, watchConnection } from './metered-network.js';
import {
  type ChannelMessage,
  FALLBACK_CHANNEL_NAME,
  type JobInput,
  jobLockName,
  type WorkerApi,
  type WorkerHost,
  type WorkerSettings,
} from './protocol.js';
import {
  admitQueued,
  createQueuedJob,
  type QueuePlace,
  setJobPaused,
  setJobPriority,
} from './queue-store.js';
import { JobRunner } from './runner.js';

/**
 * The fallback engine's worker side: one per tab (per client). It runs the jobs whose lock it holds, mirrors
 * the others from the channel, and queues for their locks so that it takes over when their tab goes.
 */
export class Scheduler implements WorkerApi {
  private settings!: WorkerSettings;
  private host!: WorkerHost;
  /** The database, opened again after another context made it let go (db.ts). */
  private db!: () => Promise<JobsDb>;
  private online = true;
  /** The connection is metered (metered-network.ts): jobs that want an unmetered one wait. */
  private metered = false;
  private readonly bandwidth = new Bandwidth(null);
  private channel: BroadcastChannel | undefined;
  private readonly runners = new Map<string, JobRunner>();
  /** Ids this worker runs or queues for. */
  private readonly followed = new Set<string>();
  private readonly throttled = new Map<string, { at: number; timer?: ReturnType<typeof setTimeout> }>();
  /** The report of a job whose progress waits for its turn, built only once it is sent (`publish`). */
  private readonly pending = new Map<string, () => RegistrationSnapshot | undefined>();
  /** The latest reading of the queue: readings go one after another, so an older one never lands last. */
  private queueReading: Promise<Map<string, QueuePlace>> = Promise.resolve(new Map());

  async init(settings: WorkerSettings, host: WorkerHost): Promise<void> {
    this.settings = settings;
    this.host = host;
    this.online = settings.online;
    this.bandwidth.setShared(settings.maxBytesPerSecond);
    this.metered = isMetered();
    watchConnection(() => this.connectionChanged());
    this.db = jobsConnection();
    await this.db();
    this.channel = new BroadcastChannel(FALLBACK_CHANNEL_NAME);
    this.channel.onmessage = (event: MessageEvent<ChannelMessage>) => this.onChannel(event.data);
  }

  async rehydrate(): Promise<RegistrationSnapshot[]> {
    const snapshots: RegistrationSnapshot[] = [];
    for (const job of await readJobs(await this.db())) {
      if (!this.runners.has(job.id))
        snapshots.push(snapshotOf(job, [], this.isOnline(), true, 0, undefined, this.metered));
      this.follow(job.id);
    }
    return snapshots;
  }

  async start(input: JobInput): Promise<RegistrationSnapshot> {
    const token = newToken();
    const origin = globalThis.location.origin;
    const files = await canWriteFiles();
    const requests = await Promise.all(
      input.requests.map(async (request, index): Promise<RequestState> => {
        const bodyChunkKeys: string[] = [];
        if (request.body !== null) {
          const key = bodyKey(origin, input.id, token, index);
          await (await caches.open(FALLBACK_CHUNK_CACHE)).put(key, new Response(request.body));
          bodyChunkKeys.push(key);
        }
        return newRequestState(request, bodyChunkKeys, files ? fileName(token, index) : undefined);
      }),
    );
    const job = newJobState(input, token, requests, Date.now());
    // One transaction: of two tabs starting the same id, exactly one wins.
    let holder = await createQueuedJob(await this.db(), job, input.priority);
    // The id's last run is over, its outcome maybe shown already, while its runner still removes its bytes and
    // records: the new run waits for it to let go of the id (a "Download again" on a failure it just showed).
    if (holder !== undefined && holder.outcome !== null && (await runnerLetGo(job.id))) {
      // Its reports come after the old run's, which may still be on their way to the page (snapshot-writer.ts).
      job.startedAt = Math.max(job.startedAt, holder.startedAt + 1);
      holder = await createQueuedJob(await this.db(), job, input.priority);
    }
    if (holder !== undefined) {
      const cache = await caches.open(FALLBACK_CHUNK_CACHE);
      await Promise.all(
        requests.flatMap((request) => request.request.bodyChunkKeys.map((key) => cache.delete(key))),
      );
      throw new TypeError(`bgfetch: a fetch with the id "${job.id}" is already active`);
    }
    // Its place in line is in its first snapshot: a job over the limit is `pending` from the start.
    const places = await this.queueChanged(true);
    const first = snapshotOf(job, [], this.isOnline(), true, 0, places.get(job.id), this.metered);
    this.publish(job.id, () => first, true);
    // A runner of an older job under this id (its record was cleared meanwhile) may still hold the lock: it reads
    // the record, sees another job and lets go.
    await this.flagsChanged(job.id);
    this.follow(job.id);
    return first;
  }

  async abort(id: string): Promise<boolean> {
    const aborted = await requestAbort(await this.db(), id);
    if (aborted) {
      await this.flagsChanged(id);
      await this.queueChanged(true);
    }
    return aborted;
  }

  async records(id: string): Promise<StoredRecord[] | undefined> {
    return (await readJob(await this.db(), id))?.requests.map(storedRecordOf);
  }

  pause(id: string): Promise<void> {
    return this.setPaused(id, true);
  }

  resume(id: string): Promise<void> {
    return this.setPaused(id, false);
  }

  async setPriority(id: string, priority: FetchPriority): Promise<void> {
    if (!(await setJobPriority(await this.db(), id, priority)))
      throw noActiveFetch('change the priority of', id);
    await this.queueChanged(true);
  }

  setOnline(online: boolean): void {
    this.online = online;
    for (const runner of this.runners.values()) runner.onlineChanged();
  }

  setMaxBytesPerSecond(limit: number | null): void {
    this.bandwidth.setShared(limit);
  }

  async setJobMaxBytesPerSecond(id: string, limit: number | null): Promise<void> {
    if (!(await setJobBandwidth(await this.db(), id, limit))) throw noActiveFetch('cap', id);
    this.channel?.postMessage({ type: 'bandwidth', id, limit } satisfies ChannelMessage);
    this.jobBandwidthChanged(id, limit);
  }

  /** A job's own cap changed: it holds from now on where this tab runs the job (its record holds it for others). */
  private jobBandwidthChanged(id: string, limit: number | null) {
    if (this.runners.has(id)) this.bandwidth.setJob(id, limit ?? undefined);
  }

  /** The connection changed: jobs that want an unmetered one stop or go on, and give up or take a queue place. */
  private connectionChanged() {
    const metered = isMetered();
    if (metered === this.metered) return;
    this.metered = metered;
    for (const runner of this.runners.values()) runner.onlineChanged();
    void this.queueChanged(false);
  }

  /** A job that may download only on an unmetered connection, while this one is metered. */
  private waitsForNetwork(job: JobHead): boolean {
    return this.metered && job.network === 'unmetered' && job.outcome === null && !job.paused;
  }

  /** The page's view (forwarded) and the worker's own: either saying offline is offline. */
  private isOnline(): boolean {
    return this.online && navigator.onLine !== false;
  }

  private async setPaused(id: string, paused: boolean): Promise<void> {
    if (!(await setJobPaused(await this.db(), id, paused)))
      throw noActiveFetch(paused ? 'pause' : 'resume', id);
    await this.flagsChanged(id);
    await this.queueChanged(true);
  }

  /**
   * Reads the origin's queue, admitting the jobs whose turn it is, and gives this tab's runners their places. The
   * other tabs hear of it when `tell` (this tab changed the queue) or when a job was admitted: its runner may be
   * theirs. Resolves with every place (none when the queue could not be read: the next change reads it again).
   */
  private queueChanged(tell: boolean): Promise<Map<string, QueuePlace>> {
    this.queueReading = this.queueReading.then(async () => {
      try {
        const { places, admitted } = await admitQueued(
          await this.db(),
          this.settings.maxConcurrentJobs,
          (job) => this.waitsForNetwork(job),
        );
        for (const [id, runner] of this.runners) runner.queueChanged(places.get(id));
        if (tell || admitted) this.channel?.postMessage({ type: 'queue' } satisfies ChannelMessage);
        return places;
      } catch (error) {
        console.error('bgfetch: the fallback queue could not be read:', error);
        return new Map();
      }
    });
    return this.queueReading;
  }

  private async flagsChanged(id: string) {
    this.channel?.postMessage({ type: 'flags', id } satisfies ChannelMessage);
    await this.runners.get(id)?.refreshFlags();
  }

  private onChannel(message: ChannelMessage) {
    if (message.type === 'queue') {
      void this.queueChanged(false);
      return;
    }
    if (message.type === 'bandwidth') {
      this.jobBandwidthChanged(message.id, message.limit);
      return;
    }
    if (message.type === 'flags') {
      this.runners.get(message.id)?.refreshFlags();
      return;
    }
    const { snapshot } = message;
    if (this.runners.has(snapshot.id)) return;
    this.host.report(snapshot);
    if (!isSettled(snapshot)) this.follow(snapshot.id);
  }

  /** Queues for the job's lock; whoever gets it runs the job from what IndexedDB holds. */
  private follow(id: string) {
    if (this.followed.has(id)) return;
    this.followed.add(id);
    let superseded = false;
    navigator.locks
      .request(jobLockName(id), async () => {
        const job = await takeJob(await this.db(), id);
        if (job === undefined) return;
        const runner = new JobRunner(job, {
          settings: this.settings,
          db: this.db,
          origin: globalThis.location.origin,
          // The page's view (forwarded) and the worker's own; either saying offline is offline.
          online: () => this.isOnline(),
          metered: () => this.metered,
          throttle: (bytes, signal) => this.bandwidth.throttle(id, bytes, signal),
          bandwidthLimit: () => this.bandwidth.limitOf(id),
          publish: (report, immediate) => this.publish(id, report, immediate),
          handoff: (message) => this.host.handoff(message),
          downloadOver: () => void this.queueChanged(true),
        });
        this.runners.set(id, runner);
        this.bandwidth.setJob(id, job.maxBytesPerSecond);
        // Its place before its first report: a queued job never shows as merely pending.
        await this.queueChanged(false);
        try {
          await runner.run();
        } finally {
          this.runners.delete(id);
          this.bandwidth.setJob(id, undefined);
          superseded = runner.superseded;
        }
      })
      .catch((error: unknown) => console.error(`bgfetch: the fallback job "${id}" stopped:`, error))
      .finally(() => {
        this.followed.delete(id);
        // The new job under the id is followed like any other: this tab takes over if the one running it goes.
        if (superseded) this.follow(id);
      });
  }

  /**
   * Reports job `id` to this tab and to the others; progress at most every `progressIntervalMs` per job. `report`
   * builds the snapshot (its cost grows with the job's requests), called only when it is sent: progress dropped by
   * the throttle costs nothing. It returns nothing when there is no longer anything to send.
   */
  private publish(id: string, report: () => RegistrationSnapshot | undefined, immediate: boolean) {
    const entry = this.throttled.get(id) ?? { at: 0 };
    this.throttled.set(id, entry);
    // The monotonic clock: a wall clock stepping back would hold progress back for as long as it stepped.
    const wait = entry.at + this.settings.progressIntervalMs - performance.now();
    if (!immediate && wait > 0) {
      this.pending.set(id, report);
      entry.timer ??= setTimeout(() => {
        entry.timer = undefined;
        const latest = this.pending.get(id);
        if (latest) this.publish(id, latest, true);
      }, wait);
      return;
    }
    clearTimeout(entry.timer);
    entry.timer = undefined;
    this.pending.delete(id);
    entry.at = performance.now();
    const snapshot = report();
    if (snapshot === undefined) return;
    this.host.report(snapshot);
    this.channel?.postMessage({ type: 'snapshot', snapshot } satisfies ChannelMessage);
    if (isSettled(snapshot)) {
      this.throttled.delete(id);
      // Its record is gone: were its outcome's write refused, it held its place until now (`downloadOver`).
      void this.queueChanged(true);
    }
  }
}

/** How long a new run of an id waits for the runner of its settled last run to finish that run's clean-up. */
const SETTLING_WAIT_MS = 30_000;

/**
 * Waits for the runner of job `id` to let go of its lock: `false` when it still holds it after `SETTLING_WAIT_MS`.
 * A lock is granted to the next request only after the holder's own request settled, so a runner of this tab has
 * left `followed` by then, and the new job is followed afresh.
 */
async function runnerLetGo(id: string): Promise<boolean> {
  try {
    await navigator.locks.request(
      jobLockName(id),
      { signal: AbortSignal.timeout(SETTLING_WAIT_MS) },
      () => {},
    );
    return true;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'TimeoutError') return false;
    throw error;
  }
}

function noActiveFetch(action: string, id: string): DOMException {
  return new DOMException(
    `bgfetch: cannot ${action} "${id}": no active fetch has that id`,
    'InvalidStateError',
  );
}
