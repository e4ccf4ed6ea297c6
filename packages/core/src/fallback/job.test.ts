import { describe, expect, it } from 'vitest';
import type { RequestInput } from '../input/request-input.js';
import type { RequestState } from './db.js';
import { chunkKeysOf, eventFor, newJobState, newRequestState, snapshotOf, storedRecordOf } from './job.js';

const input = (over: Partial<RequestInput> = {}): RequestInput => ({
  url: 'https://media.test/ep1.mp3',
  method: 'GET',
  headers: [['accept', 'audio/*']],
  body: null,
  mode: 'cors',
  credentials: 'same-origin',
  integrity: '',
  ...over,
});

const head = { url: 'https://media.test/ep1.mp3', status: 200, statusText: 'OK', headers: [] };

function job(requests: RequestState[]) {
  return newJobState({ id: 'ep1', title: 'Episode 1', icons: [], downloadTotal: 0 }, 'tok', requests, 1000);
}

describe('newRequestState', () => {
  it('starts with nothing stored, pending, and the request as given', () => {
    const state = newRequestState(input(), [], 'tok-0');
    expect(state).toEqual({
      request: {
        url: 'https://media.test/ep1.mp3',
        method: 'GET',
        headers: [['accept', 'audio/*']],
        bodyChunkKeys: [],
      },
      mode: 'cors',
      credentials: 'same-origin',
      integrity: '',
      uploadSize: 0,
      epoch: 0,
      offset: 0,
      file: 'tok-0',
      chunkKeys: [],
      etag: null,
      lastModified: null,
      total: null,
      response: null,
      state: 'pending',
      failure: '',
    });
  });
  it('has no file field where the bytes go to chunks, and keeps an integrity and an upload', () => {
    const body = new Blob(['12345']);
    const state = newRequestState(input({ integrity: 'sha256-x', body, method: 'POST' }), ['k/body']);
    expect('file' in state).toBe(false);
    expect(state.request.integrity).toBe('sha256-x');
    expect(state.request.bodyChunkKeys).toEqual(['k/body']);
    expect(state.uploadSize).toBe(5);
  });
  it('turns a navigate request into a same-origin one (a worker cannot navigate)', () => {
    expect(newRequestState(input({ mode: 'navigate' }), []).mode).toBe('same-origin');
  });
});

describe('newJobState', () => {
  it('is running: not paused, not aborted, no outcome, not handed off', () => {
    const state = job([newRequestState(input(), [])]);
    expect(state).toMatchObject({
      id: 'ep1',
      token: 'tok',
      title: 'Episode 1',
      downloadTotal: 0,
      startedAt: 1000,
      paused: false,
      abortRequested: false,
      outcome: null,
    });
    expect(state.handedOff).toBeUndefined();
  });
});

describe('snapshotOf', () => {
  it('counts stored and live bytes, and says pending until an answer came', () => {
    const request = newRequestState(input(), []);
    expect(snapshotOf(job([request]), [0], true)).toMatchObject({ status: 'pending', downloaded: 0 });
    request.offset = 100;
    request.response = head;
    request.total = 400;
    const snapshot = snapshotOf(job([request]), [50], true);
    expect(snapshot).toMatchObject({
      status: 'fetching',
      downloaded: 150,
      engine: 'fallback',
      startedAt: 1000,
    });
    expect(snapshot.requests).toEqual([
      { url: 'https://media.test/ep1.mp3', method: 'GET', downloaded: 150, downloadTotal: 400, status: 200 },
    ]);
  });
  it('says paused over offline, and offline over fetching', () => {
    const state = job([newRequestState(input(), [])]);
    expect(snapshotOf(state, [], false).status).toBe('offline');
    state.paused = true;
    expect(snapshotOf(state, [], false).status).toBe('paused');
  });
  it('says why it is paused: the user’s pause over the network policy, which holds only unmetered jobs', () => {
    const state = job([newRequestState(input(), [])]);
    expect(snapshotOf(state, [], true, true, 0, undefined, true)).not.toHaveProperty('pauseReason');
    state.network = 'unmetered';
    expect(snapshotOf(state, [], true)).not.toHaveProperty('pauseReason');
    expect(snapshotOf(state, [], true, true, 0, undefined, true)).toMatchObject({
      status: 'paused',
      pauseReason: 'metered-network',
    });
    state.paused = true;
    expect(snapshotOf(state, [], true, true, 0, undefined, true)).toMatchObject({
      status: 'paused',
      pauseReason: 'user',
    });
    state.outcome = { result: 'failure', failureReason: 'aborted' };
    expect(snapshotOf(state, [], true, true, 0, undefined, true)).not.toHaveProperty('pauseReason');
  });
  it('shows a settled outcome, and no bytes for a request that failed without a usable answer', () => {
    const request = newRequestState(input({ body: new Blob(['ab']) }), ['k/body']);
    request.offset = 10;
    request.state = 'failed';
    request.failure = 'fetch-error';
    const state = job([request]);
    state.outcome = { result: 'failure', failureReason: 'fetch-error' };
    expect(snapshotOf(state, [], true)).toMatchObject({
      status: 'failure',
      result: 'failure',
      failureReason: 'fetch-error',
      downloaded: 0,
      uploadTotal: 2,
      uploaded: 0,
    });
  });
});

describe('storedRecordOf', () => {
  it('has no response before an answer, or after a fetch-error', () => {
    const request = newRequestState(input(), []);
    expect(storedRecordOf(request).response).toBeUndefined();
    request.response = head;
    request.state = 'failed';
    request.failure = 'fetch-error';
    expect(storedRecordOf(request).response).toBeUndefined();
  });
  it('names the file or the chunks, complete once the request settled', () => {
    const inFile = newRequestState(input(), [], 'tok-0');
    inFile.response = head;
    expect(storedRecordOf(inFile).response).toMatchObject({ file: 'tok-0', chunkKeys: [], complete: false });
    const inChunks = newRequestState(input(), []);
    inChunks.response = head;
    inChunks.chunkKeys = ['a', 'b'];
    inChunks.state = 'done';
    const record = storedRecordOf(inChunks).response;
    expect(record).toMatchObject({ chunkKeys: ['a', 'b'], complete: true });
    expect(record && 'file' in record).toBe(false);
  });
});

describe('eventFor and chunkKeysOf', () => {
  it('map the outcome to its event', () => {
    const state = job([]);
    state.outcome = { result: 'success', failureReason: '' };
    expect(eventFor(state)).toBe('backgroundfetchsuccess');
    state.outcome = { result: 'failure', failureReason: 'aborted' };
    expect(eventFor(state)).toBe('backgroundfetchabort');
    state.outcome = { result: 'failure', failureReason: 'bad-status' };
    expect(eventFor(state)).toBe('backgroundfetchfail');
  });
  it('list every chunk of a job: uploads and responses', () => {
    const first = newRequestState(input(), ['b0']);
    first.chunkKeys = ['r0', 'r1'];
    const second = newRequestState(input(), []);
    second.chunkKeys = ['s0'];
    expect(chunkKeysOf(job([first, second]))).toEqual(['b0', 'r0', 'r1', 's0']);
  });
});
