import type { RegistrationSnapshot } from './snapshot.js';

/**
 * Whether report `next` of a fetch is older than `shown`, arriving late (the fallback's worker answers and reports on
 * different ports; other tabs relay over a channel). By the engine's `sequence` where both have one: the wall clock
 * may step back (a time sync, the user setting it), and a report made after the step must not count as older. By
 * `updatedAt` otherwise (native reports).
 */
export function isOlderReport(
  next: Pick<RegistrationSnapshot, 'sequence' | 'updatedAt'>,
  shown: Pick<RegistrationSnapshot, 'sequence' | 'updatedAt'>,
): boolean {
  if (next.sequence !== undefined && shown.sequence !== undefined) return next.sequence < shown.sequence;
  return next.updatedAt < shown.updatedAt;
}

/**
 * The fallback's `sequence`: report `count` of the `runs`-th runner of a job. A runner that takes a job over (another
 * tab, a reload) counts its runs one higher in the job's record, so its reports order after every earlier one's.
 */
export function runSequence(runs: number, count: number): number {
  return runs * 2 ** 32 + Math.min(count, 2 ** 32 - 1);
}
