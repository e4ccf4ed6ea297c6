import { afterEach, describe, expect, it } from 'vitest';
import { fakeEngine, runningSnapshot } from '../testing/fake-engine.js';
import { manualFrames } from '../testing/manual-frames.js';
import type { FetchOutcomeMessage } from '../wire/outcome.js';
import {
  type BackgroundFetchClient,
  type BackgroundFetchClientOptions,
  createBackgroundFetch,
} from './client.js';
import type { RegistrationSnapshot } from './snapshot.js';

const url = 'https://cdn.example/episode-1.mp3';
const refused = () => new DOMException('permission denied', 'NotAllowedError');
const clients: { dispose(): void }[] = [];

function client(options: BackgroundFetchClientOptions) {
  const made = createBackgroundFetch({ scheduleFrame: manualFrames().schedule, ...options });
  clients.push(made);
  return made;
}

afterEach(() => {
  for (const made of clients.splice(0)) made.dispose();
});

/** The engine's report that settles the fetch `id` the client already shows. */
function settle(
  bg: BackgroundFetchClient,
  engine: ReturnType<typeof fakeEngine>,
  id: string,
  outcome: Pick<RegistrationSnapshot, 'result' | 'failureReason' | 'status'>,
) {
  const current = bg.store.getState().registrations[id];
  if (current === undefined) throw new Error(`no snapshot for ${id}`);
  engine.report({ ...current, ...outcome });
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error(`expected a rejection, got ${String(error)}`);
  return error;
}

describe('createBackgroundFetch: engine choice', () => {
  it('auto runs on native when native can', async () => {
    const native = fakeEngine({ kind: 'native' });
    const fallback = fakeEngine({ kind: 'fallback' });
    const bg = client({ native: native.factory, fallback: fallback.factory });
    const first = await bg.fetch('e1', url, { title: 'Episode 1' });
    expect(first).toMatchObject({ id: 'e1', engine: 'native', title: 'Episode 1' });
    expect(bg.store.getState().registrations.e1).toBe(first);
    expect(fallback.started).toHaveLength(0);
  });

  it('auto falls back for a call the browser refuses, and says so in the snapshot', async () => {
    const native = fakeEngine({ kind: 'native', refuseWith: refused() });
    const fallback = fakeEngine({ kind: 'fallback' });
    const bg = client({ native: native.factory, fallback: fallback.factory });
    expect(await bg.fetch('e1', url)).toMatchObject({ engine: 'fallback' });
    expect(native.started).toHaveLength(1);
    // Per call: the next fetch asks native again.
    await bg.fetch('e2', url);
    expect(native.started).toHaveLength(2);
  });

  it('auto passes native over for a fetch with a cap or a network policy that only the fallback honours', async () => {
    const native = fakeEngine({ kind: 'native' });
    const fallback = fakeEngine({
      kind: 'fallback',
      capabilities: { bandwidthCap: true, networkPolicy: true },
    });
    const bg = client({ native: native.factory, fallback: fallback.factory });
    expect(await bg.fetch('capped', url, { maxBytesPerSecond: 1000 })).toMatchObject({ engine: 'fallback' });
    expect(await bg.fetch('unmetered', url, { network: 'unmetered' })).toMatchObject({ engine: 'fallback' });
    expect(await bg.fetch('plain', url)).toMatchObject({ engine: 'native' });
    expect(native.started.map((fetch) => fetch.id)).toEqual(['plain']);
  });

  it('runs a fetch on native where no engine honours its network policy: the option changes nothing there', async () => {
    const native = fakeEngine({ kind: 'native' });
    const fallback = fakeEngine({ kind: 'fallback', capabilities: { bandwidthCap: true } });
    const bg = client({ native: native.factory, fallback: fallback.factory });
    expect(await bg.fetch('unmetered', url, { network: 'unmetered' })).toMatchObject({ engine: 'native' });
  });

  it('auto uses the fallback when native cannot run at all', async () => {
    const native = fakeEngine({ kind: 'native', unusable: new TypeError('no active service worker') });
    const fallback = fakeEngine({ kind: 'fallback', canPause: true });
    const bg = client({ native: native.factory, fallback: fallback.factory });
    await bg.ready;
    expect(bg.engine).toBe('fallback');
    expect(bg.capabilities.pause).toBe(true);
    expect(await bg.fetch('e1', url)).toMatchObject({ engine: 'fallback' });
    expect(native.started).toHaveLength(0);
  });

  it('rejects NotSupportedError naming what is missing when auto needs the fallback it was told to leave out', async () => {
    const native = fakeEngine({ kind: 'native', refuseWith: refused() });
    const bg = client({ native: native.factory, fallback: false });
    const error = await rejection(bg.fetch('e1', url));
    expect(error).toMatchObject({ name: 'NotSupportedError' });
    expect(error.message).toBe(
      'bgfetch: no engine can run the fetch "e1": the browser refused the native fetch (permission denied); ' +
        'the fallback engine was left out (fallback: false)',
    );
    expect(bg.store.getState().registrations).toEqual({});
  });

  it("rejects NotSupportedError for engine: 'fallback' with fallback: false", async () => {
    const native = fakeEngine({ kind: 'native' });
    const bg = client({ engine: 'fallback', native: native.factory, fallback: false });
    expect(await rejection(bg.fetch('e1', url))).toMatchObject({ name: 'NotSupportedError' });
    expect(native.started).toHaveLength(0);
  });

  it('auto without a fallback option runs the default fallback engine (here it says what the platform lacks)', async () => {
    const native = fakeEngine({ kind: 'native', refuseWith: refused() });
    const bg = client({ native: native.factory });
    await bg.ready;
    expect(bg.capabilitiesOf('fallback').pause).toBe(true);
    const error = await rejection(bg.fetch('e1', url));
    expect(error.message).toContain('the fallback engine needs Worker, which is missing here');
  });

  it('is ready without waiting for a serviceWorker promise that never settles', async () => {
    const native = fakeEngine({ kind: 'native' });
    const fallback = fakeEngine({ kind: 'fallback' });
    const bg = client({
      serviceWorker: new Promise(() => {}),
      native: native.factory,
      fallback: fallback.factory,
    });
    await bg.ready;
    expect(await bg.getIds()).toEqual([]);
  });

  it("gives engine: 'native' the engine's own error: rule 1's TypeError, the browser's NotAllowedError", async () => {
    const inactive = fakeEngine({ kind: 'native', unusable: new TypeError('no active service worker') });
    const fallback = fakeEngine({ kind: 'fallback' });
    const forced = client({ engine: 'native', native: inactive.factory, fallback: fallback.factory });
    expect(await rejection(forced.fetch('e1', url))).toEqual(new TypeError('no active service worker'));

    const refusing = fakeEngine({ kind: 'native', refuseWith: refused() });
    const denied = client({ engine: 'native', native: refusing.factory, fallback: fallback.factory });
    expect(await rejection(denied.fetch('e1', url))).toMatchObject({ name: 'NotAllowedError' });
    expect(fallback.started).toHaveLength(0);
  });

  it('passes an engine error that is not a refusal through, without trying the fallback', async () => {
    const native = fakeEngine({ kind: 'native', refuseWith: new TypeError('duplicate in another tab') });
    const fallback = fakeEngine({ kind: 'fallback' });
    const bg = client({ native: native.factory, fallback: fallback.factory });
    expect(await rejection(bg.fetch('e1', url))).toEqual(new TypeError('duplicate in another tab'));
    expect(fallback.started).toHaveLength(0);
  });
});

describe('createBackgroundFetch: validation before any engine work', () => {
  it.each([
    ['an empty id', '', url, undefined, TypeError],
    ['an empty list', 'e1', [], undefined, TypeError],
    ['a no-cors request', 'e1', new Request(url, { mode: 'no-cors' }), undefined, TypeError],
    ['credentials', 'e1', 'https://u:p@cdn.example/a', undefined, TypeError],
    ['mixed content', 'e1', 'http://cdn.example/a', undefined, TypeError],
    ['a bad port', 'e1', 'https://cdn.example:587/a', undefined, TypeError],
    ['a negative downloadTotal', 'e1', url, { downloadTotal: -1 }, TypeError],
  ])('rejects %s and changes nothing', async (_, id, requests, options, type) => {
    const native = fakeEngine({ kind: 'native' });
    const bg = client({ native: native.factory });
    const error = await rejection(bg.fetch(id, requests as string, options));
    expect(error).toBeInstanceOf(type);
    expect(native.started).toHaveLength(0);
    expect(bg.store.getState().registrations).toEqual({});
  });

  it('rejects a downloadTotal the storage cannot hold with QuotaExceededError (rule 5) and changes nothing', async () => {
    const native = fakeEngine({ kind: 'native' });
    const bg = client({
      native: native.factory,
      estimateStorage: async () => ({ quota: 1_000_000, usage: 0 }),
    });
    const error = await rejection(bg.fetch('e1', url, { downloadTotal: Number.MAX_SAFE_INTEGER }));
    expect(error).toMatchObject({ name: 'QuotaExceededError' });
    expect(native.started).toHaveLength(0);
    expect(bg.store.getState().registrations).toEqual({});
    // The id was not taken by the failed call.
    await expect(bg.fetch('e1', url)).resolves.toMatchObject({ id: 'e1' });
  });

  it('hands the engine the validated fetch', async () => {
    const native = fakeEngine({ kind: 'native' });
    const bg = client({ native: native.factory });
    await bg.fetch('e1', [url, new URL(url)], { title: 'E1', downloadTotal: 10 });
    const [job] = native.started;
    expect(job?.requests.map((request) => request.url)).toEqual([url, url]);
    expect(job?.options).toEqual({
      title: 'E1',
      icons: [],
      downloadTotal: 10,
      priority: 'normal',
      connections: 'auto',
    });
  });
});

describe('createBackgroundFetch: rule 4, one active fetch per id', () => {
  it('rejects a duplicate active id with TypeError and changes nothing', async () => {
    const native = fakeEngine({ kind: 'native' });
    const bg = client({ native: native.factory });
    const first = await bg.fetch('e1', url);
    const error = await rejection(bg.fetch('e1', 'https://cdn.example/other.mp3'));
    expect(error).toEqual(new TypeError('bgfetch: a fetch with the id "e1" is already active'));
    expect(native.started).toHaveLength(1);
    expect(bg.store.getState().registrations.e1).toBe(first);
  });

  it('rejects the second of two concurrent calls with one id', async () => {
    const native = fakeEngine({ kind: 'native' });
    const bg = client({ native: native.factory });
    const results = await Promise.allSettled([bg.fetch('e1', url), bg.fetch('e1', url)]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
  });

  it('counts a fetch found on rehydration as active', async () => {
    const native = fakeEngine({ kind: 'native', running: [runningSnapshot('native', 'e1')] });
    const bg = client({ native: native.factory });
    expect(await rejection(bg.fetch('e1', url))).toBeInstanceOf(TypeError);
  });

  it('frees the id once the fetch settled', async () => {
    const native = fakeEngine({ kind: 'native' });
    const bg = client({ native: native.factory });
    await bg.fetch('e1', url);
    settle(bg, native, 'e1', { result: 'failure', failureReason: 'aborted', status: 'aborted' });
    const again = await bg.fetch('e1', url);
    expect(again).toMatchObject({ status: 'pending', result: '' });
    expect(bg.store.getState().registrations.e1).toBe(again);
  });
});

describe('createBackgroundFetch: get, getIds, abort, pause', () => {
  it('get() needs an id (rule 7); unknown ids are undefined; settled ones keep their outcome', async () => {
    const native = fakeEngine({ kind: 'native', running: [runningSnapshot('native', 'old')] });
    const bg = client({ native: native.factory });
    await expect(bg.get(undefined as unknown as string)).rejects.toBeInstanceOf(TypeError);
    expect(await bg.get('nope')).toBeUndefined();
    expect(await bg.get('old')).toMatchObject({ id: 'old', status: 'pending' });
    settle(bg, native, 'old', { result: 'failure', failureReason: 'bad-status', status: 'failure' });
    expect(await bg.get('old')).toMatchObject({ status: 'failure', failureReason: 'bad-status' });
  });

  it('getIds() lists active fetches and no settled one (rule 9)', async () => {
    const native = fakeEngine({ kind: 'native', running: [runningSnapshot('native', 'a')] });
    const bg = client({ native: native.factory });
    await bg.fetch('b', url);
    await bg.fetch('c', url);
    settle(bg, native, 'c', { result: 'success', failureReason: '', status: 'success' });
    expect((await bg.getIds()).sort()).toEqual(['a', 'b']);
  });

  it('abort() goes to the engine running the fetch, and is false for an unknown or settled id', async () => {
    const native = fakeEngine({ kind: 'native', refuseWith: refused() });
    const fallback = fakeEngine({ kind: 'fallback' });
    const bg = client({ native: native.factory, fallback: fallback.factory });
    await bg.fetch('e1', url);
    expect(await bg.abort('e1')).toBe(true);
    expect(fallback.aborted).toEqual(['e1']);
    expect(await bg.abort('nope')).toBe(false);
    await expect(bg.abort('')).rejects.toBeInstanceOf(TypeError);
  });

  it('pause() works where the engine can, and is NotSupportedError where it cannot', async () => {
    const native = fakeEngine({ kind: 'native' });
    const bg = client({ native: native.factory });
    await bg.fetch('e1', url);
    const error = await rejection(bg.pause('e1'));
    expect(error).toMatchObject({ name: 'NotSupportedError' });
    expect(error.message).toBe('bgfetch: the native engine cannot pause a fetch');
    expect(bg.capabilitiesOf('native').pause).toBe(false);

    const pausing = fakeEngine({ kind: 'fallback', canPause: true });
    const other = client({ engine: 'fallback', fallback: pausing.factory });
    await other.fetch('e1', url);
    await other.pause('e1');
    expect(pausing.paused).toEqual(['e1']);
    await expect(other.pause('nope')).rejects.toMatchObject({ name: 'InvalidStateError' });
  });

  it('setPriority() refuses a bad priority with a TypeError, and an engine without a queue with NotSupportedError', async () => {
    const native = fakeEngine({ kind: 'native' });
    const bg = client({ native: native.factory });
    await bg.fetch('e1', url);
    await expect(bg.setPriority('e1', 'urgent' as never)).rejects.toBeInstanceOf(TypeError);
    const error = await rejection(bg.setPriority('e1', 'high'));
    expect(error).toMatchObject({ name: 'NotSupportedError' });
    expect(error.message).toBe('bgfetch: the native engine cannot change the priority of a fetch');
    await expect(bg.setPriority('nope', 'high')).rejects.toMatchObject({ name: 'InvalidStateError' });
  });

  it('setMaxBytesPerSecond() refuses a bad cap with a TypeError, and engines that cannot cap with NotSupportedError', async () => {
    const native = fakeEngine({ kind: 'native' });
    const bg = client({ native: native.factory });
    for (const limit of [0, -5, 1.5, Number.NaN, '1000', undefined]) {
      await expect(bg.setMaxBytesPerSecond(limit as never)).rejects.toBeInstanceOf(TypeError);
    }
    const error = await rejection(bg.setMaxBytesPerSecond(65_536));
    expect(error).toMatchObject({ name: 'NotSupportedError' });
    expect(error.message).toBe('bgfetch: no engine here can cap the bandwidth');
    // A fetch's own cap: its engine's, and only for an active fetch.
    await bg.fetch('e1', url);
    await expect(bg.setMaxBytesPerSecond(65_536, '' as never)).rejects.toBeInstanceOf(TypeError);
    await expect(bg.setMaxBytesPerSecond(0, 'e1')).rejects.toBeInstanceOf(TypeError);
    const own = await rejection(bg.setMaxBytesPerSecond(65_536, 'e1'));
    expect(own.message).toBe('bgfetch: the native engine cannot cap the bandwidth of a fetch');
    await expect(bg.setMaxBytesPerSecond(null, 'nope')).rejects.toMatchObject({ name: 'InvalidStateError' });
  });

  it('says nothing can be done before ready', () => {
    const bg = client({ native: fakeEngine({ kind: 'native' }).factory });
    expect(bg.engine).toBeUndefined();
    expect(bg.capabilities).toEqual({
      pause: false,
      queue: false,
      resumeAfterRestart: false,
      continuesWhenClosed: false,
      uploads: false,
      connections: false,
      networkPolicy: false,
      bandwidthCap: false,
    });
  });
});

describe('createBackgroundFetch: readiness and retry in the store', () => {
  it('puts readiness, the next engine and what it can do in the store once ready', async () => {
    const fallback = fakeEngine({ kind: 'fallback', canPause: true });
    const bg = client({ engine: 'fallback', fallback: fallback.factory });
    expect(bg.store.getState()).toMatchObject({ ready: false, engine: undefined });
    await bg.ready;
    expect(bg.store.getState()).toMatchObject({
      ready: true,
      engine: 'fallback',
      capabilities: { pause: true },
    });
  });

  it('retry() starts a settled fetch again with the requests and options it was started with', async () => {
    const native = fakeEngine({ kind: 'native' });
    const bg = client({ native: native.factory });
    const request = new Request(url, { headers: { 'x-episode': '1' }, integrity: 'sha256-abc' });
    await bg.fetch('e1', request, { title: 'Episode 1', downloadTotal: 9 });
    expect(bg.store.getState().retryable.e1).toBe(true);
    settle(bg, native, 'e1', { result: 'failure', failureReason: 'fetch-error', status: 'failure' });
    expect(await bg.retry('e1')).toMatchObject({ id: 'e1', status: 'pending' });
    const again = native.started[1];
    expect(again?.options).toMatchObject({ title: 'Episode 1', downloadTotal: 9 });
    expect(again?.requests[0]?.headers.get('x-episode')).toBe('1');
    expect(again?.requests[0]?.integrity).toBe('sha256-abc');
  });

  it('retry() refuses an id never started here with NotSupportedError, an active one with TypeError', async () => {
    const native = fakeEngine({ kind: 'native' });
    const bg = client({ native: native.factory });
    expect(await rejection(bg.retry('nope'))).toMatchObject({ name: 'NotSupportedError' });
    await bg.fetch('e1', url);
    expect(await rejection(bg.retry('e1'))).toBeInstanceOf(TypeError);
    expect(native.started).toHaveLength(1);
  });
});

describe('createBackgroundFetch: outcomes from the service worker', () => {
  const outcome = (
    id: string,
    overrides: Partial<FetchOutcomeMessage['registration']> = {},
  ): FetchOutcomeMessage => ({
    type: 'bgfetch:outcome',
    engine: 'native',
    registration: {
      id,
      uploadTotal: 0,
      uploaded: 0,
      downloadTotal: 0,
      downloaded: 0,
      result: 'failure',
      failureReason: 'fetch-error',
      recordsAvailable: false,
      ...overrides,
    },
  });

  it('settles a running fetch, keeping what the page knew', async () => {
    const native = fakeEngine({ kind: 'native' });
    const bg = client({ native: native.factory });
    const first = await bg.fetch('e1', url, { title: 'Episode 1' });
    bg.applyOutcome(outcome('e1'));
    expect(await bg.get('e1')).toMatchObject({
      status: 'failure',
      result: 'failure',
      failureReason: 'fetch-error',
      title: 'Episode 1',
      startedAt: first.startedAt,
    });
    expect(await bg.getIds()).toEqual([]);
  });

  it("overrules the engine's own success: only the service worker checked the records", async () => {
    const native = fakeEngine({ kind: 'native' });
    const bg = client({ native: native.factory });
    await bg.fetch('e1', url);
    settle(bg, native, 'e1', { result: 'success', failureReason: '', status: 'success' });
    bg.applyOutcome(outcome('e1'));
    expect(await bg.get('e1')).toMatchObject({ status: 'failure', failureReason: 'fetch-error' });
    // …and the engine cannot settle it back.
    settle(bg, native, 'e1', { result: 'success', failureReason: '', status: 'success' });
    expect(await bg.get('e1')).toMatchObject({ status: 'failure' });
  });

  it('lands an outcome of a fetch this page never saw', async () => {
    const bg = client({ native: fakeEngine({ kind: 'native' }).factory });
    bg.applyOutcome(outcome('elsewhere', { result: 'success', failureReason: '', downloaded: 9 }));
    expect(await bg.get('elsewhere')).toMatchObject({ status: 'success', downloaded: 9, title: '' });
  });
});

describe('createBackgroundFetch in plain Node (server rendering)', () => {
  it('makes a client with the real native engine, which says why it cannot run', async () => {
    const bg = createBackgroundFetch();
    clients.push(bg);
    await bg.ready;
    expect(bg.store.getState()).toMatchObject({ registrations: {}, ready: true, engine: undefined });
    expect(bg.engine).toBeUndefined();
    expect(bg.capabilities.pause).toBe(false);
    const error = await rejection(bg.fetch('e1', url));
    expect(error).toMatchObject({ name: 'NotSupportedError' });
    expect(error.message).toContain('BackgroundFetchManager is missing');
  });

  it('rejects an unknown engine choice at once', () => {
    expect(() => createBackgroundFetch({ engine: 'turbo' as 'auto' })).toThrow(
      new TypeError(`bgfetch: engine must be 'auto', 'native' or 'fallback', got "turbo"`),
    );
  });
});
