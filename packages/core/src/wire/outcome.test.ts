import { describe, expect, it } from 'vitest';
import type { RegistrationSnapshot } from '../client/snapshot.js';
import { type FetchOutcomeMessage, isOutcomeOfAnotherRun, snapshotFromOutcome } from './outcome.js';

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

const message = (records?: unknown[]): FetchOutcomeMessage =>
  ({
    type: 'bgfetch:outcome',
    engine: 'native',
    registration: {
      id: 'ep',
      uploadTotal: 0,
      uploaded: 0,
      downloadTotal: 0,
      downloaded: 10,
      result: 'failure',
      failureReason: 'bad-status',
      recordsAvailable: false,
    },
    ...(records === undefined ? {} : { records }),
  }) as FetchOutcomeMessage;

const request = (url: string) => ({
  url,
  method: 'GET',
  downloaded: null,
  downloadTotal: null,
  status: null,
});
const known = { title: 'Episode', requests: [request('https://a/ep.mp3'), request('https://a/art.svg')] };

describe('snapshotFromOutcome', () => {
  it("gives the page's requests the status (and accept's refusal) of their records", () => {
    const snapshot = snapshotFromOutcome(
      message([
        {
          url: 'https://a/art.svg',
          method: 'GET',
          status: 200,
          problem: 'unaccepted',
          message: 'not an image',
        },
        { url: 'https://a/ep.mp3', method: 'GET', status: 404, problem: 'bad-status', message: 'HTTP 404' },
      ]),
      known as unknown as RegistrationSnapshot,
      1,
    );
    expect(snapshot.requests).toEqual([
      { ...request('https://a/ep.mp3'), status: 404 },
      { ...request('https://a/art.svg'), status: 200, refused: 'not an image' },
    ]);
  });

  it('takes the records as the requests of a fetch the page never saw, ignoring malformed ones', () => {
    const snapshot = snapshotFromOutcome(
      message([{ url: 'https://a/ep.mp3', method: 'GET', status: 404 }, { url: 1 }, null]),
      undefined,
      1,
    );
    expect(snapshot.requests).toEqual([{ ...request('https://a/ep.mp3'), status: 404 }]);
  });

  it('keeps what the page knew when the outcome has no records', () => {
    expect(snapshotFromOutcome(message(), known as unknown as RegistrationSnapshot, 1).requests).toEqual(
      known.requests,
    );
  });
});
