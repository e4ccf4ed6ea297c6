import { type BackgroundFetchClient, selectRegistration } from '@bgfetch/core';
import { type CacheNameOption, getStoredOutcomes } from './fetch-index.js';
import type { BackgroundFetchOutcome } from './outcome.js';

/**
 * For pages: settles a core client's store from the outcomes the service worker kept, so a fetch that ended while
 * no page was open (native Background Fetch runs on with every page closed) shows its result when a page opens
 * again. Applies an outcome only to an id the store does not know yet (a fetch still running, or one this page saw
 * settle, has its own news). Resolves with the outcomes it applied.
 */
export async function applyStoredOutcomes(
  client: Pick<BackgroundFetchClient, 'ready' | 'store' | 'applyOutcome'>,
  options: CacheNameOption = {},
): Promise<BackgroundFetchOutcome[]> {
  await client.ready;
  const outcomes = await getStoredOutcomes(options);
  const state = client.store.getState();
  const applied = outcomes.filter(
    (outcome) => selectRegistration(state, outcome.registration.id) === undefined,
  );
  for (const outcome of applied) client.applyOutcome(outcome);
  return applied;
}
