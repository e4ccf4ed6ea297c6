import { test as base } from '../harness/fixtures';
import { demoFixture, downloadReloadOfflineAndPlay, type RunningDemo } from '../support/demo';

/** The podcast demo in Chromium with the fallback forced (`?engine=fallback`), as its switch does. */
const test = base.extend<object, { demo: RunningDemo }>({ demo: [demoFixture, { scope: 'worker' }] });

test('forced fallback: download an episode, reload with the network off, and play it from the cache', async ({
  browser,
  demo,
}) => {
  await downloadReloadOfflineAndPlay(browser, demo, { query: '?engine=fallback', engine: 'fallback' });
});
