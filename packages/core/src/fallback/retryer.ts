import { type RetryPolicy, retryDelay } from './backoff.js';

/** How one attempt ended, as the retryer sees it. */
export type AttemptResult =
  /** Nothing to count: the request settled, restarted from zero, or was stopped (pause, offline, the job's end). */
  | { kind: 'over' }
  /**
   * A transient failure (a network error, a stall, a 503…). `progressed`: it stored a chunk before it failed.
   * `outage`: no answer came at all (the server or the path to it is down) and the task has bytes it can resume:
   * such a failure never uses up the budget, since giving up would throw those bytes away. `permanent`: the
   * same failure again while the server is up (a CORS failure, a redirect nowhere): no later attempt can do
   * better, the task gives up now. `retryAfterMs`: the server asked for this long a wait (`Retry-After`).
   */
  | {
      kind: 'failed';
      progressed: boolean;
      outage: boolean;
      permanent?: boolean;
      retryAfterMs?: number;
      error: unknown;
    };

export type FailedAttempt = Extract<AttemptResult, { kind: 'failed' }>;

/** What the retryer drives: one request, attempted until it settles. */
export interface Retryable {
  /** Still worth an attempt: the request is pending and its job is not over. */
  active(): boolean;
  /** Allowed to go on the network now (not paused, online). */
  canRun(): boolean;
  /** Resolves at the next change of what `active` or `canRun` say (pause, resume, online, offline, abort). */
  changed(): Promise<void>;
  /** One attempt; `last` when one more failure uses up the budget (a transient status is then the answer). */
  attempt(last: boolean): Promise<AttemptResult>;
  /** The request waits (paused, offline, backing off); `outage` when it waits past its budget for an answer. */
  waiting(outage: boolean): void;
  /** The budget is spent: fail the request. */
  giveUp(error: unknown): Promise<void>;
}

/**
 * Runs `task` until it is no longer active, in the manner of TanStack Query's retryer: attempts with capped
 * exponential back-off between failures, paused (without spending attempts) while it cannot run, continued when
 * that changes. Only failures in a row count: an attempt that stored a chunk starts the count again, so a long
 * download over a flaky network is never failed for the sum of its drops. An outage past the budget is waited out,
 * probing at the capped delay, for as long as it lasts. A server's `Retry-After` replaces the back-off (capped).
 */
export async function runWithRetries(task: Retryable, policy: RetryPolicy): Promise<void> {
  let failures = 0;
  while (task.active()) {
    if (!task.canRun()) {
      task.waiting(false);
      await task.changed();
      continue;
    }
    const result = await task.attempt(failures + 1 >= policy.attempts);
    // A failure because the network went away (or a pause) waits for it to come back without spending attempts.
    if (result.kind === 'over' || !task.active() || !task.canRun()) continue;
    failures = result.progressed ? 1 : failures + 1;
    const spent = failures >= policy.attempts;
    if (result.permanent || (spent && !result.outage)) {
      await task.giveUp(result.error);
      continue;
    }
    task.waiting(spent);
    await sleep(retryDelay(policy, failures, result.retryAfterMs), task.changed());
  }
}

/** Waits `ms`, or less if `changed` resolves first. */
async function sleep(ms: number, changed: Promise<void>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, ms))), changed]);
  clearTimeout(timer);
}
