import type { RegistrationSnapshot } from './snapshot.js';

/**
 * Smooths the download rate of one registration over the snapshots it sees.
 *
 * Why a sampler and not a stored field or a pure function of one snapshot: a smoothed rate needs history, the
 * store keeps only the latest snapshot (that is what makes it cheap), and `startedAt`/`updatedAt` alone give the
 * average since the start, which lags badly after a stall or a resume. So whoever displays a rate (a hook, a
 * component) holds one sampler per registration and feeds it every snapshot it renders.
 *
 * `sample` is idempotent for a snapshot it has already seen (same `updatedAt`), so a selector may call it on every
 * render: React's `useSyncExternalStore` requires the same answer for the same state.
 */
export interface RateSampler {
  /** Bytes per second, exponentially smoothed; 0 while the fetch is not running. */
  sample(snapshot: RegistrationSnapshot | undefined): number;
}

export interface RateSamplerOptions {
  /** After this long, a past rate weighs half as much as it did. Default 3 s: steady, yet follows a real change. */
  halfLifeMs?: number;
}

export function createRateSampler({ halfLifeMs = 3000 }: RateSamplerOptions = {}): RateSampler {
  let last: { id: string; startedAt: number; updatedAt: number; downloaded: number } | undefined;
  let rate = 0;

  return {
    sample(snapshot) {
      if (snapshot === undefined) {
        last = undefined;
        rate = 0;
        return rate;
      }
      const { id, startedAt, updatedAt, downloaded } = snapshot;
      const sameRun = last !== undefined && last.id === id && last.startedAt === startedAt;
      if (snapshot.status !== 'fetching') {
        // Paused, offline, queued or over: no rate, and this snapshot is the baseline when it runs again, so time
        // spent not running does not count as a slow download.
        rate = 0;
      } else if (!sameRun || downloaded < last!.downloaded) {
        // A fetch seen for the first time starts from its average so far; one whose `downloaded` went down (a
        // request restarted from zero) starts from nothing.
        const elapsed = updatedAt - startedAt;
        rate = !sameRun && elapsed > 0 ? (downloaded * 1000) / elapsed : 0;
      } else if (updatedAt > last!.updatedAt) {
        const elapsed = updatedAt - last!.updatedAt;
        const instant = ((downloaded - last!.downloaded) * 1000) / elapsed;
        const weight = 1 - 2 ** (-elapsed / halfLifeMs);
        rate += weight * (instant - rate);
      }
      last = { id, startedAt, updatedAt, downloaded };
      return rate;
    },
  };
}
