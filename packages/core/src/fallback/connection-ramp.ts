/** How long the throughput is measured at each number of connections before `'auto'` decides on another. */
export const RAMP_WINDOW_MS = 1000;

/** A new connection is kept opening more only when the throughput rose by at least this factor. */
const RISE = 1.1;

/**
 * Windows in a row without that rise after which no more open: one window can be slow for reasons of its own (a
 * flush of the file, a busy machine).
 */
const MISSES = 2;

/**
 * `connections: 'auto'` (docs/architecture.md, "Ranges"): opens one more connection after each window whose
 * throughput beat, by `RISE`, the one measured before the last connection opened, up to `cap`. Once the last
 * connection did not help in `MISSES` windows (the link or the machine is the limit, not a per-connection cap), it
 * opens no more. Pure: the caller gives the time and the bytes received so far.
 */
export class ConnectionRamp {
  private windowStart: number;
  private bytesAtStart: number;
  /** The throughput to beat: the one measured before the last connection opened. */
  private before: number | undefined;
  private misses = 0;
  private settled = false;

  constructor(
    private connections: number,
    private readonly cap: number,
    now: number,
    bytes: number,
    private readonly windowMs = RAMP_WINDOW_MS,
  ) {
    this.windowStart = now;
    this.bytesAtStart = bytes;
  }

  /** `true` when one more connection should open now. */
  tick(now: number, bytes: number): boolean {
    if (this.settled || this.connections >= this.cap || now - this.windowStart < this.windowMs) return false;
    const rate = (bytes - this.bytesAtStart) / (now - this.windowStart);
    this.windowStart = now;
    this.bytesAtStart = bytes;
    if (this.before !== undefined && rate <= this.before * RISE) {
      this.misses += 1;
      this.settled = this.misses >= MISSES;
      return false;
    }
    this.misses = 0;
    this.before = rate;
    this.connections += 1;
    return true;
  }

  /** No range was left to split for the connection `tick` asked for. */
  declined(): void {
    this.connections -= 1;
    this.settled = true;
  }
}
