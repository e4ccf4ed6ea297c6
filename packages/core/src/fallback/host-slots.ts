/** Gives the slot it was handed back (once; later calls do nothing). */
export type ReleaseSlot = () => void;

interface Host {
  running: number;
  waiting: { take: (release: ReleaseSlot) => void; drop: () => void }[];
}

/**
 * At most `limit` requests in flight per origin, the others waiting here in the order they asked. A browser opens
 * only a few connections per host on HTTP/1.1 (six in Chromium, Firefox and WebKit) and queues the rest inside
 * `fetch`, where the wait looks like a server that does not answer: a request that waits here instead has no
 * stall clock running and holds no buffer. Shared by every job of the worker, as the browser's limit is.
 */
export class HostSlots {
  private readonly hosts = new Map<string, Host>();

  /** Resolves with the slot once one of `origin`'s is free; rejects with `signal`'s reason if it aborts first. */
  acquire(origin: string, limit: number, signal: AbortSignal): Promise<ReleaseSlot> {
    if (signal.aborted) return Promise.reject(signal.reason);
    const host = this.hosts.get(origin) ?? { running: 0, waiting: [] };
    this.hosts.set(origin, host);
    if (host.running < limit) {
      host.running += 1;
      return Promise.resolve(this.releaser(origin, host));
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        take: (release: ReleaseSlot) => {
          signal.removeEventListener('abort', onAbort);
          resolve(release);
        },
        drop: () => reject(signal.reason),
      };
      const onAbort = () => {
        host.waiting.splice(host.waiting.indexOf(waiter), 1);
        waiter.drop();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      host.waiting.push(waiter);
    });
  }

  /** Requests in flight and waiting for `origin`. */
  load(origin: string): { running: number; waiting: number } {
    const host = this.hosts.get(origin);
    return { running: host?.running ?? 0, waiting: host?.waiting.length ?? 0 };
  }

  private releaser(origin: string, host: Host): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = host.waiting.shift();
      // The slot passes straight to the next waiter; the last one out forgets the host.
      if (next !== undefined) return next.take(this.releaser(origin, host));
      host.running -= 1;
      if (host.running === 0) this.hosts.delete(origin);
    };
  }
}

/** The worker's one set of slots. */
export const hostSlots = new HostSlots();
