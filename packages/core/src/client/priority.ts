/**
 * A fetch's place among the origin's others when the engine queues them (`capabilities.queue`): `high` starts before
 * any `normal`, `normal` before any `low`; within one priority, first come, first served.
 */
export type FetchPriority = 'high' | 'normal' | 'low';

export const FETCH_PRIORITIES: readonly FetchPriority[] = Object.freeze(['high', 'normal', 'low']);

export const DEFAULT_PRIORITY: FetchPriority = 'normal';
