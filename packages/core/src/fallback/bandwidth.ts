import { TokenBucket } from './rate-limit.js';

/**
 * The worker's bandwidth caps: one over every job this worker runs (the engine's `maxBytesPerSecond`, changed with
 * `setShared`), and each job's own. After each read from the network a request waits until every cap it is under
 * has room again; its reads being slower, the server's sending slows to match (TCP flow control). A change of a cap
 * wakes the waiting reads, so that a raised cap takes effect at once.
 */
export class Bandwidth {
  private shared: TokenBucket | undefined;
  private readonly jobs = new Map<string, TokenBucket>();
  private readonly sleepers = new Set<() => void>();

  constructor(shared: number | null) {
    this.setShared(shared);
  }

  /** The cap over every job of this worker, in bytes a second; `null`: none. */
  setShared(limit: number | null): void {
    this.shared = withRate(this.shared, limit);
    this.wake();
  }

  /** A job's own cap; `undefined`: none (also once the job is no longer run here). */
  setJob(id: string, limit: number | undefined): void {
    const bucket = withRate(this.jobs.get(id), limit ?? null);
    if (bucket === undefined) this.jobs.delete(id);
    else this.jobs.set(id, bucket);
    this.wake();
  }

  /** The tightest cap job `id` is under now, in bytes a second; `undefined`: none. */
  limitOf(id: string): number | undefined {
    const rates = [this.jobs.get(id), this.shared].flatMap((bucket) => bucket?.bytesPerSecond ?? []);
    return rates.length === 0 ? undefined : Math.min(...rates);
  }

  /** Counts `bytes` read for job `id`, and waits until its caps allow the next read (or `signal` aborts). */
  async throttle(id: string, bytes: number, signal: AbortSignal): Promise<void> {
    const now = performance.now();
    this.jobs.get(id)?.take(bytes, now);
    this.shared?.take(bytes, now);
    for (;;) {
      const at = performance.now();
      const wait = Math.max(this.jobs.get(id)?.delay(at) ?? 0, this.shared?.delay(at) ?? 0);
      if (wait <= 0 || signal.aborted) return;
      await this.sleep(wait, signal);
    }
  }

  /** Resolves after `ms`, at a change of a cap, or when `signal` aborts, whichever comes first. */
  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.sleepers.add(done);
    });
  }

  private wake() {
    for (const sleeper of [...this.sleepers]) sleeper();
  }
}

/** `bucket` at a new rate (its debt kept), a new bucket, or none when `limit` is `null`. */
function withRate(bucket: TokenBucket | undefined, limit: number | null): TokenBucket | undefined {
  if (limit === null) return undefined;
  const now = performance.now();
  if (bucket === undefined) return new TokenBucket(limit, now);
  bucket.setRate(limit, now);
  return bucket;
}
