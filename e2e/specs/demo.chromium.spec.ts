import { downloadReloadOfflineAndPlay } from '../support/demo';
import { demoTest as test } from '../support/demo-test';

/** The podcast demo in Chromium with the fallback forced (`?engine=fallback`), as its switch does. */

test('forced fallback: download an episode, reload with the network off, and play it from the cache', async ({
  browser,
  demo,
}) => {
  await downloadReloadOfflineAndPlay(browser, demo, { query: '?engine=fallback', engine: 'fallback' });
});
