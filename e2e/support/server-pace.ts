import type { LogEntry } from '../server/types';

/**
 * The most body bytes the server wrote, over all of a log's responses, in any `windowMs` window that lies within
 * [`from`, `to`] (server clock, ms): how fast the client let it send. `undefined` when no window fits.
 */
export function mostSentInWindow(
  log: LogEntry[],
  from: number,
  to: number,
  windowMs = 2000,
): number | undefined {
  const sends = log.flatMap((entry) => entry.sends).sort(([a], [b]) => a - b);
  // The busiest window starts at a write (or at `from`): moving its start forward to the next write loses nothing.
  const starts = [from, ...sends.map(([at]) => at).filter((at) => at > from && at + windowMs <= to)];
  if (from + windowMs > to) return undefined;
  let most = 0;
  for (const start of starts) {
    const sum = sends
      .filter(([at]) => at >= start && at < start + windowMs)
      .reduce((total, [, bytes]) => total + bytes, 0);
    most = Math.max(most, sum);
  }
  return most;
}
