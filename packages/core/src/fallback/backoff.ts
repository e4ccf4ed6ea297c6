/** How transient failures are retried: capped exponential back-off with jitter. */
export interface RetryPolicy {
  /** Failed attempts in a row (no stored progress between them) before the request fails. */
  attempts: number;
  /** Delay before the first retry. */
  baseDelayMs: number;
  /** No delay is longer than this. */
  maxDelayMs: number;
  /** 0…1: the share of each delay that is random (0: none; 1: "full jitter", anywhere from 0 to the delay). */
  jitter: number;
  /**
   * HTTP statuses that mean "try again later", retried within `attempts`; any other non-2xx answer fails the
   * fetch `bad-status` at once. The last attempt's answer is the record.
   */
  statuses: readonly number[];
  /** A server's `Retry-After` is waited out, up to this long (a longer one waits this long). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
  attempts: 8,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  jitter: 0.5,
  statuses: Object.freeze([408, 429, 502, 503, 504]),
  maxRetryAfterMs: 60_000,
});

/**
 * The delay before the next attempt: the server's `Retry-After` when it sent one (capped at `maxRetryAfterMs`),
 * else the back-off for `failures`.
 */
export function retryDelay(policy: RetryPolicy, failures: number, retryAfterMs: number | undefined): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  return backoffDelay(policy, failures);
}

/**
 * The delay before retry number `failures` (1 = after the first failure): `base · 2^(failures-1)`, capped, of
 * which the `jitter` share is drawn at random, so tabs and clients that failed together do not retry together.
 */
export function backoffDelay(
  policy: RetryPolicy,
  failures: number,
  random: () => number = Math.random,
): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, failures - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.round(capped * (1 - jitter) + capped * jitter * random());
}

/** Fills in a partial policy, checking each figure. */
export function retryPolicy(given: Partial<RetryPolicy> = {}): RetryPolicy {
  const { statuses, ...figures } = { ...DEFAULT_RETRY, ...given };
  for (const [name, value] of Object.entries(figures)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new TypeError(`bgfetch: retry.${name} must be a non-negative number, got ${String(value)}`);
    }
  }
  if (figures.attempts < 1) throw new TypeError('bgfetch: retry.attempts must be at least 1');
  if (!Array.isArray(statuses) || !statuses.every((status) => Number.isInteger(status) && status >= 300)) {
    throw new TypeError(`bgfetch: retry.statuses must be a list of HTTP statuses, got ${String(statuses)}`);
  }
  return { ...figures, statuses: [...statuses] };
}
