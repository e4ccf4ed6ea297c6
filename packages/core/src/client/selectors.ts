import type { RateSampler } from './rate-sampler.js';
import type { RegistrationSnapshot } from './snapshot.js';
import type { BackgroundFetchState } from './store.js';

/**
 * Derived values, computed from snapshots on read and never stored: storing them would turn every progress tick
 * into two writes and let them drift from the figures they come from.
 */

/** The snapshot of `id`: an own entry only, so an id like `constructor` never finds `Object.prototype`'s member. */
export function selectRegistration(
  state: Pick<BackgroundFetchState, 'registrations'>,
  id: string,
): RegistrationSnapshot | undefined {
  return Object.hasOwn(state.registrations, id) ? state.registrations[id] : undefined;
}

/**
 * The bytes the fetch is expected to download: the sum of the responses' `Content-Length`s when the engine knows
 * every one (they are exact), else the caller's `downloadTotal` (an upper bound), else unknown.
 */
export function selectExpectedBytes(
  snapshot: Pick<RegistrationSnapshot, 'requests' | 'downloadTotal'>,
): number | undefined {
  const lengths = snapshot.requests.map((request) => request.downloadTotal);
  if (lengths.length > 0 && lengths.every((length) => length !== null)) {
    return lengths.reduce((sum, length) => sum + length, 0);
  }
  return snapshot.downloadTotal > 0 ? snapshot.downloadTotal : undefined;
}

/** Done fraction in [0, 1]; `undefined` when the total is unknown (show an indeterminate bar). */
export function selectFraction(snapshot: RegistrationSnapshot | undefined): number | undefined {
  if (snapshot === undefined) return undefined;
  if (snapshot.status === 'success') return 1;
  const expected = selectExpectedBytes(snapshot);
  if (expected === undefined || expected === 0) return undefined;
  return Math.min(1, snapshot.downloaded / expected);
}

/** The smoothed download rate; `sampler` holds the history (one sampler per displayed registration). */
export function selectBytesPerSecond(
  snapshot: RegistrationSnapshot | undefined,
  sampler: RateSampler,
): number {
  return sampler.sample(snapshot);
}

/** Seconds until done at `bytesPerSecond`; `undefined` when unknowable (no total, no rate, not running). */
export function selectSecondsLeft(
  snapshot: RegistrationSnapshot | undefined,
  bytesPerSecond: number,
): number | undefined {
  if (snapshot === undefined) return undefined;
  if (snapshot.status === 'success') return 0;
  const expected = selectExpectedBytes(snapshot);
  if (snapshot.status !== 'fetching' || expected === undefined || bytesPerSecond <= 0) return undefined;
  return Math.max(0, expected - snapshot.downloaded) / bytesPerSecond;
}
