import type { FetchPriority } from '../client/priority.js';
import type { RegistrationSnapshot } from '../client/snapshot.js';
import type { RequestInput } from '../input/request-input.js';
import type { ImageResource } from '../spec/spec-types.js';
import type { BridgeDispatchMessage, StoredRecord } from '../wire/stored-record.js';
import type { RetryPolicy } from './backoff.js';

/*
 * How the fallback's contexts talk: the page and its worker (comlink, the interfaces below), and the tabs of an
 * origin with each other (a BroadcastChannel for news, a Web Lock per job for who runs it).
 */

/** Tabs of an origin talk about fallback jobs here: live snapshots from the tab that runs a job, and commands. */
export const FALLBACK_CHANNEL_NAME = 'bgfetch:fallback';

/** The Web Lock a tab holds while it runs a job; every other tab queues for it and takes over when it is free. */
export const jobLockName = (id: string) => `bgfetch:job:${id}`;

export type ChannelMessage =
  | { type: 'snapshot'; snapshot: RegistrationSnapshot }
  /**
   * The job's record changed in IndexedDB (its flags: paused, abortRequested; or a new job under the id): the tab
   * running it re-reads it.
   */
  | { type: 'flags'; id: string }
  /** The origin's queue changed (a job came, paused, ended, was admitted): every tab reads its jobs' places. */
  | { type: 'queue' }
  /** A job's own bandwidth cap changed (`null`: none): the tab running it applies it. */
  | { type: 'bandwidth'; id: string; limit: number | null };

/** What the page's engine tells its worker once, at start. Plain data (structured clone). */
export interface WorkerSettings {
  chunkSize: number;
  retry: RetryPolicy;
  stallTimeoutMs: number;
  /** How long a request may wait for its answer's headers, counted once it has a connection. */
  headerTimeoutMs: number;
  /** Requests in flight per origin, across the worker's jobs; the others wait for a slot (host-slots.ts). */
  connectionsPerHost: number;
  /** Jobs of the origin downloading at once, across its tabs; the others wait in line (queue-store.ts). */
  maxConcurrentJobs: number;
  /** Where records land when no service worker takes them. */
  cacheName: string;
  /** At most one progress report per this many ms per fetch (status changes go at once). */
  progressIntervalMs: number;
  /** What the page knows of the network (WebKit's emulated offline is seen only by the page). */
  online: boolean;
  /** Bytes a second over every job this worker runs (bandwidth.ts); `null`: no cap. */
  maxBytesPerSecond: number | null;
}

/** One request as the page hands it to the worker (a `Request` itself cannot cross). */
export interface JobInput {
  id: string;
  title: string;
  icons: ImageResource[];
  downloadTotal: number;
  priority: FetchPriority;
  /** Present when it waits off metered connections (metered-network.ts). */
  network?: 'unmetered';
  /** Its own bandwidth cap, in bytes a second. */
  maxBytesPerSecond?: number;
  requests: RequestInput[];
}

/** The dispatch message as the worker makes it; the page adds the lease (its `handoffTimeoutMs`). */
export type HandoffMessage = Omit<BridgeDispatchMessage, 'leaseMs'>;

/**
 * `'handled'`: the service worker claimed the run and its handlers are done (or it went silent after claiming:
 * it is not reading any more); `'none'`: no active service worker now; `'silent'`: no claim within
 * `handoffTimeoutMs`. After `'none'` and `'silent'` the worker claims the run for the page before it stores the
 * records itself (docs/architecture.md, "Hand-off").
 */
export type HandoffAnswer = 'handled' | 'none' | 'silent';

/** What the worker asks of the page. */
export interface WorkerHost {
  report(snapshot: RegistrationSnapshot): void;
  /** Hands a settled job to the active service worker through the bridge (`HandoffAnswer` says how it went). */
  handoff(message: HandoffMessage): Promise<HandoffAnswer>;
}

/** The worker's API, through comlink. */
export interface WorkerApi {
  init(settings: WorkerSettings, host: WorkerHost): Promise<void>;
  /**
   * Returns a snapshot of every unfinished fetch in IndexedDB that this worker does not run yet, and starts (or
   * queues to take over) each. The page reports them: `host.report` crosses on another port than this answer, so
   * only that way are they in the store when the page's `rehydrate()` resolves.
   */
  rehydrate(): Promise<RegistrationSnapshot[]>;
  /** Persists the job, reports its first snapshot and resolves with it; the download goes on from there. */
  start(job: JobInput): Promise<RegistrationSnapshot>;
  abort(id: string): Promise<boolean>;
  /** The stored records of a job still in IndexedDB (running, or settled and not yet handed off). */
  records(id: string): Promise<StoredRecord[] | undefined>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  setPriority(id: string, priority: FetchPriority): Promise<void>;
  setOnline(online: boolean): void;
  /** The cap over every job this worker runs, from now on (`null`: none). */
  setMaxBytesPerSecond(limit: number | null): void;
  /** Job `id`'s own cap, from now on, in whichever tab runs it (`null`: none). */
  setJobMaxBytesPerSecond(id: string, limit: number | null): Promise<void>;
}
