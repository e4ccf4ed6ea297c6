/** How long the throughput is measured at each number of connections before `'auto'` decides on another. */
export const RAMP_WINDOW_MS = 1000;

/** A new connection is kept opening more only when the throughput rose by at least this factor. */
const RISE = 1.1;

/**
 * `connections: 'auto'` (docs/architecture.md, "Ranges"): opens one more connection after each window while the
 * throughput of the last window beat the one before by `RISE`, up to `cap`. Once a connection did not help (the
 * link or the machine is the limit, not a per-connection cap), it opens no more. Pure: the caller gives the time and
 * the bytes received so far.
 */
export class ConnectionRamp {
  private windowStart: number;
  private bytesAtStart: number;
  private lastRate: number | undefined;
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
    const rose = this.lastRate === undefined || rate > this.lastRate * RISE;
    this.lastRate = rate;
    this.windowStart = now;
    this.bytesAtStart = bytes;
    if (!rose) {
      this.settled = true;
      return false;
    }
    this.connections += 1;
    return true;
  }

  /** No range was left to split for the connection `tick` asked for. */
  declined(): void {
    this.connections -= 1;
    this.settled = true;
  }
}
