import type { RegistrationSnapshot } from '../client/snapshot.js';

/** A running fetch's snapshot for tests; override what the test is about. */
export function snapshot(overrides: Partial<RegistrationSnapshot> = {}): RegistrationSnapshot {
  return {
    id: 'episode-1',
    uploadTotal: 0,
    uploaded: 0,
    downloadTotal: 0,
    downloaded: 0,
    result: '',
    failureReason: '',
    recordsAvailable: true,
    engine: 'native',
    status: 'fetching',
    title: 'Episode 1',
    requests: [],
    startedAt: 1_000,
    updatedAt: 1_000,
    ...overrides,
  };
}
