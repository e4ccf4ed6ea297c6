export const KiB = 1024;
export const MiB = 1024 * KiB;

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Decimal megabytes per second, as the figures in docs/browsers.md are given. */
export const megabytesPerSecond = (bytes: number, milliseconds: number): number =>
  bytes / 1e6 / (milliseconds / 1e3);
