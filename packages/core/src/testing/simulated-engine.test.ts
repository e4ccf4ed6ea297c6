import { describe, expect, it } from 'vitest';
import { createBackgroundFetch } from '../client/client.js';
import type { RegistrationSnapshot } from '../client/snapshot.js';
import { manualFrames } from './manual-frames.js';
import { manualClock, SIMULATED_EPOCH, SIMULATED_STATES, simulatedEngine } from './simulated-engine.js';

const MB = 1_000_000;

function onClient(options: Parameters<typeof simulatedEngine>[0] = {}) {
  const simulated = simulatedEngine(options);
  const frames = manualFrames();
  const kind = options.kind ?? 'fallback';
  const client = createBackgroundFetch({
    engine: kind,
    [kind]: simulated.factory,
    scheduleFrame: frames.schedule,
  });
  const state = (id: string) => {
    frames.frame();
    return client.store.getState().registrations[id];
  };
  return { simulated, client, state };
}

describe('simulatedEngine', () => {
  it('moves only with its clock: pending, then fetching at bytesPerSecond, then success at the total', async () => {
    const { simulated, client, state } = onClient({ bytesPerSecond: 2 * MB, startDelayMs: 500 });
    await client.fetch('ep1', 'https://cdn.example/ep1.wav', { title: 'Episode 1', downloadTotal: 5 * MB });
    expect(state('ep1')).toMatchObject({ status: 'pending', downloaded: 0, startedAt: SIMULATED_EPOCH });

    simulated.advance(499);
    expect(state('ep1')?.status).toBe('pending');
    simulated.advance(1);
    expect(state('ep1')?.status).toBe('fetching');
    simulated.advance(1000);
    expect(state('ep1')).toMatchObject({
      status: 'fetching',
      downloaded: 2 * MB,
      updatedAt: SIMULATED_EPOCH + 1500,
    });
    expect(state('ep1')?.requests).toEqual([
      {
        url: 'https://cdn.example/ep1.wav',
        method: 'GET',
        downloaded: 2 * MB,
        downloadTotal: 5 * MB,
        status: 200,
      },
    ]);
    simulated.advance(2000);
    expect(state('ep1')).toMatchObject({ status: 'success', result: 'success', downloaded: 5 * MB });
    simulated.advance(10_000);
    expect(state('ep1')?.downloaded).toBe(5 * MB);
  });

  it('is deterministic: the same steps give the same snapshots', async () => {
    const run = async () => {
      const { simulated, client } = onClient();
      const seen: RegistrationSnapshot[] = [];
      await client.fetch('a', 'https://cdn.example/a', { downloadTotal: 3 * MB });
      simulated.advance(1234);
      seen.push(simulated.get('a')!);
      simulated.set('b', 'paused');
      simulated.advance(5000);
      seen.push(simulated.get('a')!, simulated.get('b')!);
      return seen;
    };
    expect(await run()).toEqual(await run());
  });

  it('puts a registration in every state', () => {
    const simulated = simulatedEngine();
    const made = Object.fromEntries(
      SIMULATED_STATES.map((state) => [state, simulated.set(`x-${state}`, state)]),
    );
    const pick = ({ status, result, failureReason, downloadTotal }: RegistrationSnapshot) => ({
      status,
      result,
      failureReason,
      known: downloadTotal > 0,
    });
    expect(
      Object.fromEntries(Object.entries(made).map(([state, snapshot]) => [state, pick(snapshot)])),
    ).toEqual({
      pending: { status: 'pending', result: '', failureReason: '', known: true },
      fetching: { status: 'fetching', result: '', failureReason: '', known: true },
      'fetching-unknown-total': { status: 'fetching', result: '', failureReason: '', known: false },
      paused: { status: 'paused', result: '', failureReason: '', known: true },
      offline: { status: 'offline', result: '', failureReason: '', known: true },
      success: { status: 'success', result: 'success', failureReason: '', known: true },
      'bad-status': { status: 'failure', result: 'failure', failureReason: 'bad-status', known: true },
      'fetch-error': { status: 'failure', result: 'failure', failureReason: 'fetch-error', known: true },
      'quota-exceeded': {
        status: 'failure',
        result: 'failure',
        failureReason: 'quota-exceeded',
        known: true,
      },
      'download-total-exceeded': {
        status: 'failure',
        result: 'failure',
        failureReason: 'download-total-exceeded',
        known: true,
      },
      aborted: { status: 'aborted', result: 'failure', failureReason: 'aborted', known: true },
    });
    // Paused, offline and settled registrations do not move.
    simulated.advance(60_000);
    for (const state of ['paused', 'offline', 'success', 'bad-status', 'aborted'] as const) {
      expect(simulated.get(`x-${state}`)?.downloaded).toBe(made[state]?.downloaded);
    }
    expect(simulated.get('x-fetching')?.status).toBe('success');
    expect(simulated.get('x-fetching-unknown-total')?.downloadTotal).toBe(0);
  });

  it('pauses, resumes and aborts for the client, and records what it was asked', async () => {
    const { simulated, client, state } = onClient();
    simulated.set('ep', 'fetching', { downloadTotal: 10 * MB, downloaded: MB, title: 'Episode' });
    await client.ready;
    await client.pause('ep');
    expect(state('ep')).toMatchObject({ status: 'paused', pauseReason: 'user' });
    simulated.advance(3000);
    expect(state('ep')?.downloaded).toBe(MB);
    await client.resume('ep');
    simulated.advance(1000);
    expect(state('ep')).toMatchObject({ status: 'fetching', downloaded: 2 * MB });
    expect(state('ep')).not.toHaveProperty('pauseReason');
    expect(await client.abort('ep')).toBe(true);
    expect(state('ep')).toMatchObject({ status: 'aborted', failureReason: 'aborted' });
    expect(await client.abort('ep')).toBe(false);
    expect([simulated.paused, simulated.resumed, simulated.aborted]).toEqual([['ep'], ['ep'], ['ep']]);
  });

  it('has a queue only when told, and reports the priority it was given', async () => {
    const { simulated, client, state } = onClient({ capabilities: { queue: true } });
    simulated.set('ep', 'pending', { title: 'Episode' });
    await client.ready;
    await client.setPriority('ep', 'high');
    expect(state('ep')?.priority).toBe('high');
    expect(simulated.prioritised).toEqual([['ep', 'high']]);
  });

  it('ticks by hand with progress(), and can share a clock with other engines', () => {
    const clock = manualClock(0);
    const one = simulatedEngine({ clock });
    const two = simulatedEngine({ clock, kind: 'native', bytesPerSecond: 500_000 });
    one.set('a', 'fetching', { downloaded: 0, downloadTotal: 4 * MB });
    two.set('b', 'fetching', { downloaded: 0, downloadTotal: 4 * MB });
    expect(one.progress('a', 123).downloaded).toBe(123);
    clock.advance(2000);
    expect([one.get('a')?.downloaded, two.get('b')?.downloaded]).toEqual([2 * MB + 123, MB]);
    expect(two.get('b')?.requests).toEqual([
      { url: '/media/b', method: 'GET', downloaded: null, downloadTotal: null, status: null },
    ]);
    expect(() => one.progress('nope')).toThrow(/no registration nope/);
  });
});
