import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundFetchProvider } from '../provider/index.js';
import { disposeTestClients, snapshotIn, testClient } from '../testing/test-client.js';
import { useBackgroundFetch } from './use-background-fetch.js';
import { useFetchRegistration } from './use-fetch-registration.js';

afterEach(() => {
  cleanup();
  disposeTestClients();
});

describe('useFetchRegistration', () => {
  it('is undefined for an unknown id', async () => {
    const { client } = await testClient();
    expect(renderHook(() => useFetchRegistration('nope', client)).result.current).toBeUndefined();
  });

  it('gives the snapshot with fraction, rate and time left, following the store', async () => {
    const { client, report, update } = await testClient();
    report(snapshotIn('ep1', 'fetching', { downloadTotal: 10_000, startedAt: 0, updatedAt: 0 }));
    const wrapper = ({ children }: { children: ReactNode }) => (
      <BackgroundFetchProvider client={client}>{children}</BackgroundFetchProvider>
    );
    const { result } = renderHook(() => useFetchRegistration('ep1'), { wrapper });
    expect(result.current).toMatchObject({
      id: 'ep1',
      title: 'Episode ep1',
      status: 'fetching',
      fraction: 0,
      expectedBytes: 10_000,
      bytesPerSecond: 0,
      secondsLeft: undefined,
      settled: false,
      canRetry: false,
    });
    update('ep1', { downloaded: 2_000, updatedAt: 1_000 });
    expect(result.current?.fraction).toBe(0.2);
    expect(result.current?.bytesPerSecond).toBeGreaterThan(0);
    expect(result.current?.secondsLeft).toBeCloseTo(8_000 / result.current!.bytesPerSecond);

    update('ep1', { status: 'success', result: 'success', downloaded: 10_000 });
    expect(result.current).toMatchObject({ fraction: 1, secondsLeft: 0, settled: true, bytesPerSecond: 0 });
  });

  it('has an unknown fraction while the total is unknown', async () => {
    const { client, report } = await testClient();
    report(snapshotIn('ep1', 'fetching', { downloadTotal: 0, downloaded: 500 }));
    const { result } = renderHook(() => useFetchRegistration('ep1', client));
    expect(result.current).toMatchObject({ fraction: undefined, expectedBytes: undefined });
  });

  it('binds the actions to its id and says what the engine can do', async () => {
    const { client, engine, report } = await testClient({ canPause: true });
    report(snapshotIn('ep1', 'fetching'));
    const { result } = renderHook(() => useFetchRegistration('ep1', client));
    expect(result.current?.capabilities.pause).toBe(true);
    await act(() => result.current!.pause());
    await act(() => result.current!.abort());
    expect(engine.paused).toEqual(['ep1']);
    expect(engine.aborted).toEqual(['ep1']);
  });

  it('gives the queue place, priority and pause reason, and binds setPriority to its id', async () => {
    const { client, report, update, engine } = await testClient({ queue: true });
    report(snapshotIn('ep1', 'pending', { priority: 'normal', queuePosition: 2 }));
    const { result } = renderHook(() => useFetchRegistration('ep1', client));
    expect(result.current).toMatchObject({ priority: 'normal', queuePosition: 2 });
    expect(result.current?.capabilities.queue).toBe(true);
    await act(() => result.current!.setPriority('high'));
    expect(engine.prioritised).toEqual([['ep1', 'high']]);
    expect(result.current?.priority).toBe('high');
    update('ep1', { status: 'paused', queuePosition: undefined, pauseReason: 'metered-network' });
    expect(result.current).toMatchObject({ status: 'paused', pauseReason: 'metered-network' });
    expect(result.current?.queuePosition).toBeUndefined();
  });

  it('can retry what was started through the hooks', async () => {
    const { client, update } = await testClient();
    const { result } = renderHook(() => ({
      api: useBackgroundFetch(client),
      registration: useFetchRegistration('ep1', client),
    }));
    await act(() => result.current.api.fetch('ep1', 'https://cdn.example/1.mp3'));
    update('ep1', { status: 'aborted', result: 'failure', failureReason: 'aborted' });
    expect(result.current.registration?.canRetry).toBe(true);
    await act(() => result.current.registration!.retry());
    expect(result.current.registration?.status).toBe('pending');
  });

  it('renders again only when its own registration changes', async () => {
    const { client, report, update } = await testClient();
    report(snapshotIn('ep1', 'fetching'), snapshotIn('ep2', 'fetching'));
    let renders = 0;
    renderHook(() => {
      renders += 1;
      return useFetchRegistration('ep1', client);
    });
    const before = renders;
    for (let tick = 1; tick <= 5; tick += 1) update('ep2', { downloaded: tick, updatedAt: 1_000 + tick });
    expect(renders).toBe(before);
    update('ep1', { downloaded: 1, updatedAt: 2_000 });
    expect(renders).toBe(before + 1);
  });
});
