import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { disposeTestClients, snapshotIn, testClient } from '../testing/test-client.js';
import { useBackgroundFetch } from './use-background-fetch.js';

afterEach(() => {
  cleanup();
  disposeTestClients();
});

const url = 'https://cdn.example/episode-1.mp3';

describe('useBackgroundFetch', () => {
  it('says which engine runs the next fetch and what it can do, once ready', async () => {
    const { client } = await testClient({ kind: 'fallback', canPause: true });
    const { result } = renderHook(() => useBackgroundFetch(client));
    await waitFor(() => expect(result.current.ready).toBe(true));
    expect(result.current).toMatchObject({ engine: 'fallback', supported: true, client });
    expect(result.current.capabilities.pause).toBe(true);
  });

  it('reports a native engine without pause', async () => {
    const { client } = await testClient({ kind: 'native', canPause: false });
    const { result } = renderHook(() => useBackgroundFetch(client));
    await waitFor(() => expect(result.current.ready).toBe(true));
    expect(result.current.engine).toBe('native');
    expect(result.current.capabilities.pause).toBe(false);
  });

  it('is not supported when no engine was given', async () => {
    const { createBackgroundFetch } = await import('@bgfetch/core');
    const client = createBackgroundFetch({ engine: 'fallback' });
    await client.ready;
    const { result } = renderHook(() => useBackgroundFetch(client));
    await waitFor(() => expect(result.current.ready).toBe(true));
    expect(result.current).toMatchObject({ supported: false, engine: undefined });
    client.dispose();
  });

  it('fetch, abort, pause, resume and setPriority call the client', async () => {
    const { client, engine } = await testClient();
    const { result } = renderHook(() => useBackgroundFetch(client));
    let first: unknown;
    await act(async () => {
      first = await result.current.fetch('ep1', url, { title: 'Episode 1' });
    });
    expect(first).toMatchObject({ id: 'ep1', title: 'Episode 1', status: 'pending' });
    expect(engine.started.map((job) => job.id)).toEqual(['ep1']);
    expect(result.current.ids).toEqual(['ep1']);

    await act(() => result.current.pause('ep1'));
    expect(engine.paused).toEqual(['ep1']);
    await act(() => result.current.resume('ep1'));
    // The client's own check: this engine has no queue (`capabilities.queue`).
    await expect(result.current.setPriority('ep1', 'high')).rejects.toMatchObject({
      name: 'NotSupportedError',
    });
    await act(async () => {
      expect(await result.current.abort('ep1')).toBe(true);
    });
    expect(engine.aborted).toEqual(['ep1']);
  });

  it('retry starts a settled fetch again with the same requests and options', async () => {
    const { client, engine, update } = await testClient();
    const { result } = renderHook(() => useBackgroundFetch(client));
    await act(() => result.current.fetch('ep1', [url], { title: 'Episode 1', downloadTotal: 1000 }));
    update('ep1', { status: 'failure', result: 'failure', failureReason: 'fetch-error' });
    await act(() => result.current.retry('ep1'));
    expect(engine.started).toHaveLength(2);
    const [first, again] = engine.started.map((job) => ({
      urls: job.requests.map((request) => request.url),
      options: job.options,
    }));
    expect(again).toEqual(first);
    expect(again?.urls).toEqual([url]);
    expect(again?.options).toMatchObject({ title: 'Episode 1', downloadTotal: 1000 });
    expect(client.store.getState().registrations.ep1?.status).toBe('pending');
  });

  it('retry rejects for a fetch not started on this page', async () => {
    const { client } = await testClient({ running: [snapshotIn('old', 'fetching')] });
    const { result } = renderHook(() => useBackgroundFetch(client));
    await expect(result.current.retry('old')).rejects.toMatchObject({ name: 'NotSupportedError' });
  });

  it('lists every id newest first and renders again only when the ids change', async () => {
    const { client, report, update } = await testClient();
    let renders = 0;
    const { result } = renderHook(() => {
      renders += 1;
      return useBackgroundFetch(client);
    });
    await waitFor(() => expect(result.current.ready).toBe(true));
    report(
      snapshotIn('a', 'fetching', { startedAt: 1 }),
      snapshotIn('c', 'success', { startedAt: 3 }),
      snapshotIn('b', 'paused', { startedAt: 2 }),
    );
    expect(result.current.ids).toEqual(['c', 'b', 'a']);
    const before = renders;
    update('a', { downloaded: 10, updatedAt: 2 });
    update('b', { status: 'fetching' });
    expect(renders).toBe(before);
  });
});
