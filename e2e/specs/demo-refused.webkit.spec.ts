import { audioBytes, audioUrl } from '../../examples/podcast/src/episodes';
import { test as base, expect } from '../harness/fixtures';
import {
  demoFixture,
  demoReady,
  isRawSaved,
  pressDownload,
  type RunningDemo,
  TRAILER,
} from '../support/demo';

/**
 * WebKit with its `BackgroundFetchAPI` feature on: the API is there, but every `fetch()` is refused with
 * `NotAllowedError` (shared/BROWSERS.md). Present is not usable: the polyfill leaves the browser's objects in place
 * and runs the refused fetch itself, so raw.html's code works unchanged.
 */
const test = base.extend<object, { demo: RunningDemo }>({ demo: [demoFixture, { scope: 'worker' }] });
test.use({ webkitBackgroundFetch: true });

test('a fetch the browser refuses runs on the polyfill, and get() finds it after a reload', async ({
  browser,
  demo,
}) => {
  const page = await browser.newPage();
  await page.goto(`${demo.url}raw.html`);
  await page.waitForFunction(demoReady, undefined, { timeout: 20_000 });
  // The browser's own objects stay; a fetch (which the browser refuses) gives the polyfill's registration.
  const probe = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const started = await registration.backgroundFetch.fetch('probe', ['/media/probe.svg']);
    return {
      installed: document.getElementById('api')?.dataset.installed,
      browserHasIt: 'BackgroundFetchManager' in globalThis,
      browsersObject: started instanceof Reflect.get(globalThis, 'BackgroundFetchRegistration'),
      listed: await registration.backgroundFetch.getIds(),
    };
  });
  expect(probe).toMatchObject({ installed: 'native', browserHasIt: true, browsersObject: false });

  await page.evaluate(pressDownload, TRAILER.slug);
  await page.waitForFunction(
    (slug) => document.querySelector(`[data-episode="${slug}"]`)?.getAttribute('data-state') === 'fetching',
    TRAILER.slug,
  );
  await page.reload();
  await page.waitForFunction(demoReady, undefined, { timeout: 20_000 });
  await page.waitForFunction(isRawSaved, TRAILER.slug, { timeout: 40_000 });
  const stored = await page.evaluate(
    async (url) => (await (await caches.match(url))?.arrayBuffer())?.byteLength,
    audioUrl(TRAILER),
  );
  expect(stored).toBe(audioBytes(TRAILER));
});
