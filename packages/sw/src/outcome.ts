import { type BackgroundFetchOutcome, OUTCOME_CHANNEL_NAME } from '@bgfetch/core/internal';
import { serviceWorkerScope } from './scope.js';

/**
 * Tells every page of the origin: on the `BroadcastChannel` core's clients listen to, and by `postMessage` to each
 * window client (controlled or not) for apps that listen on `navigator.serviceWorker`.
 */
export async function notifyClients(outcome: BackgroundFetchOutcome): Promise<void> {
  const channel = new BroadcastChannel(OUTCOME_CHANNEL_NAME);
  channel.postMessage(outcome);
  channel.close();
  const clients = await serviceWorkerScope().clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of clients) client.postMessage(outcome);
}
