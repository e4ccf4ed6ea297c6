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
}

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
  attempts: 8,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  jitter: 0.5,
});

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
  const policy = { ...DEFAULT_RETRY, ...given };
  for (const [name, value] of Object.entries(policy)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new TypeError(`bgfetch: retry.${name} must be a non-negative number, got ${String(value)}`);
    }
  }
  if (policy.attempts < 1) throw new TypeError('bgfetch: retry.attempts must be at least 1');
  return policy;
}
