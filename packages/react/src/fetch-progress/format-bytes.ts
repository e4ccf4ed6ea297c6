const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'] as const;

/** Whole bytes; one decimal for every larger unit. */
const roundIn = (unit: number, value: number) =>
  unit === 0 ? Math.round(value) : Math.round(value * 10) / 10;

/**
 * Formats a byte count with decimal (SI) units and at most one decimal: `999 B`, `12.3 MB`, `60 MB`, `1.5 GB`.
 * Pure and locale-independent (always a `.` separator), so server and client render the same text.
 *
 * @throws {RangeError} when `bytes` is negative, `NaN` or infinite.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) {
    throw new RangeError(`formatBytes expects a finite, non-negative number of bytes, got ${bytes}`);
  }
  let unit = 0;
  let value = bytes;
  // Move up while the rounded value would read 1000 or more (999_950 B is "1 MB", not "1000 kB").
  while (unit < UNITS.length - 1 && roundIn(unit, value) >= 1000) {
    value /= 1000;
    unit += 1;
  }
  return `${roundIn(unit, value)} ${UNITS[unit]}`;
}
