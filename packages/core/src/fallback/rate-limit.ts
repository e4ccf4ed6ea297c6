/**
 * A token bucket, pure arithmetic on a clock the caller passes in: `rate` bytes a second refill it, up to half a
 * second's worth. Reading more than it holds leaves it in debt, which the next reads wait out, so the average over
 * any stretch longer than a read stays at the rate however large each read is (a stream hands over pieces of its
 * own size, often bigger than a small cap allows per tick).
 */
export class TokenBucket {
  private tokens: number;

  constructor(
    private rate: number,
    private at: number,
  ) {
    this.tokens = this.burst;
  }

  get bytesPerSecond(): number {
    return this.rate;
  }

  /** At most this many bytes go at once after a quiet spell. */
  private get burst(): number {
    return this.rate * BURST_SECONDS;
  }

  /** A new rate from `now` on: bytes already taken are paid back at the new rate, savings above its burst drop. */
  setRate(rate: number, now: number): void {
    this.refill(now);
    this.rate = rate;
    this.tokens = Math.min(this.tokens, this.burst);
  }

  /** Counts `bytes` as read at `now`. */
  take(bytes: number, now: number): void {
    this.refill(now);
    this.tokens -= bytes;
  }

  /** How many ms from `now` until the debt is paid (0 when there is none): the next read waits that long. */
  delay(now: number): number {
    this.refill(now);
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.rate) * 1000);
  }

  private refill(now: number) {
    const elapsed = Math.max(0, now - this.at) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.rate);
    this.at = Math.max(this.at, now);
  }
}

/** Savings after a quiet spell: half a second of the rate, so a paused or slow read does not turn into a burst. */
const BURST_SECONDS = 0.5;
