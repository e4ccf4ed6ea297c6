import { expect } from '../harness/fixtures';
import { downloadReloadOfflineAndPlay, isRawSaved, pressDownload, TRAILER } from '../support/demo';
import { expectTrailerStored, openRawPage, demoTest as test } from '../support/demo-test';

/**
 * The podcast demo (examples/podcast), built and served on a media server of its own (support/demo.ts says why),
 * with the engine the browser picks: native Background Fetch in Chromium, the worker fallback in Firefox and WebKit.
 * demo.chromium.spec.ts forces the fallback in Chromium.
 */
test('download an episode, reload with the network off, and play it from the cache', async ({
  browser,
  demo,
  engine,
}) => {
  await downloadReloadOfflineAndPlay(browser, demo, {
    engine: engine === 'chromium' ? 'native' : 'fallback',
  });
});

test('raw.html downloads the same episode on the spec’s own API: the browser’s where it has one, the polyfill elsewhere', async ({
  browser,
  demo,
  engine,
}) => {
  const page = await browser.newPage();
  await openRawPage(page, demo);
  expect(await page.evaluate(() => document.getElementById('api')?.dataset.installed)).toBe(
    engine === 'chromium' ? 'native' : 'polyfill',
  );
  await page.evaluate(pressDownload, TRAILER.slug);
  await page.waitForFunction(isRawSaved, TRAILER.slug, { timeout: 40_000 });

  // The service worker's handler kept it: after a reload the page finds it in Cache Storage, whole.
  await openRawPage(page, demo);
  expect(await page.evaluate(isRawSaved, TRAILER.slug)).toBe(true);
  await expectTrailerStored(page);
});
