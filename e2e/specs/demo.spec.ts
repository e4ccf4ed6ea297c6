import { test as base } from '../harness/fixtures';
import { demoFixture, downloadReloadOfflineAndPlay, type RunningDemo } from '../support/demo';

/**
 * The podcast demo (examples/podcast), built and served on a media server of its own (support/demo.ts says why),
 * with the engine the browser picks: native Background Fetch in Chromium, the worker fallback in Firefox and WebKit.
 * demo.chromium.spec.ts forces the fallback in Chromium.
 */
const test = base.extend<object, { demo: RunningDemo }>({ demo: [demoFixture, { scope: 'worker' }] });

test('download an episode, reload with the network off, and play it from the cache', async ({
  browser,
  demo,
  engine,
}) => {
  await downloadReloadOfflineAndPlay(browser, demo, {
    engine: engine === 'chromium' ? 'native' : 'fallback',
  });
});
