import { describe, expect, it } from 'vitest';
import { type FetchOutcomeMessage, isOutcomeOfAnotherRun } from './outcome.js';
import type { RegistrationSnapshot } from './snapshot.js';

const verdict = (token?: string): FetchOutcomeMessage => ({
  type: 'bgfetch:outcome',
  engine: 'fallback',
  registration: {
    id: 'a',
    uploadTotal: 0,
    uploaded: 0,
    downloadTotal: 0,
    downloaded: 5,
    result: 'success',
    failureReason: '',
    recordsAvailable: false,
    ...(token === undefined ? {} : { token }),
  },
});

const shown = (token: string | undefined, result: RegistrationSnapshot['result']): RegistrationSnapshot => ({
  id: 'a',
  uploadTotal: 0,
  uploaded: 0,
  downloadTotal: 0,
  downloaded: 1,
  result,
  failureReason: '',
  recordsAvailable: true,
  engine: 'fallback',
  status: result === '' ? 'fetching' : 'success',
  title: '',
  requests: [],
  startedAt: 1,
  updatedAt: 2,
  ...(token === undefined ? {} : { token }),
});

describe('isOutcomeOfAnotherRun', () => {
  it('refuses a verdict on another run over the running one', () => {
    expect(isOutcomeOfAnotherRun(verdict('old'), shown('new', ''))).toBe(true);
    expect(isOutcomeOfAnotherRun(verdict('new'), shown('new', ''))).toBe(false);
  });

  it('takes a verdict that names no run, on a fetch that has none, on an unknown id, or over a settled run', () => {
    expect(isOutcomeOfAnotherRun(verdict(), shown('new', ''))).toBe(false);
    expect(isOutcomeOfAnotherRun(verdict('old'), shown(undefined, ''))).toBe(false);
    expect(isOutcomeOfAnotherRun(verdict('old'), undefined)).toBe(false);
    expect(isOutcomeOfAnotherRun(verdict('next'), shown('new', 'success'))).toBe(false);
  });
});
