const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'] as const;

/** Whole bytes; one decimal for every larger unit. */
const roundIn = (unit: number, value: number) =>
  unit === 0 ? Math.round(value) : Math.round(value * 10) / 10;

/**
 * Formats a byte count with decimal (SI) units and at most one decimal: `999 B`, `12.3 MB`, `60 MB`, `1.5 GB`. The
 * number is written for `locale` (`Intl.NumberFormat`: `12,3 MB` in German); the unit symbols are the SI ones,
 * the same in every language. The default locale is `en`, not the runtime's, so server and client render the same.
 *
 * @throws {RangeError} when `bytes` is negative, `NaN` or infinite.
 */
export function formatBytes(bytes: number, locale = 'en'): string {
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
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, useGrouping: false }).format(
    roundIn(unit, value),
  );
  return `${number} ${UNITS[unit]}`;
}

/** A time left for `locale`, in the largest whole unit that fits: `25 sec`, `3 min`, `2 hr` (`Intl.NumberFormat`). */
export function formatDuration(seconds: number, locale = 'en'): string {
  const [value, unit] =
    seconds >= 5400
      ? [seconds / 3600, 'hour']
      : seconds >= 90
        ? [seconds / 60, 'minute']
        : [seconds, 'second'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 0 }).format(
    Math.max(0, Math.round(value)),
  );
}
