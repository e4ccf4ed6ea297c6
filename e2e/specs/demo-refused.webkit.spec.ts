import { expect } from '../harness/fixtures';
import { isRawSaved, pressDownload, TRAILER } from '../support/demo';
import { expectTrailerStored, openRawPage, demoTest as test } from '../support/demo-test';

/**
 * WebKit with its `BackgroundFetchAPI` feature on: the API is there, but every `fetch()` is refused with
 * `NotAllowedError` (docs/browsers.md). Present is not usable: the polyfill leaves the browser's objects in place
 * and runs the refused fetch itself, so raw.html's code works unchanged.
 */
test.use({ webkitBackgroundFetch: true });

test('a fetch the browser refuses runs on the polyfill, and get() finds it after a reload', async ({
  browser,
  demo,
}) => {
  const page = await browser.newPage();
  await openRawPage(page, demo);
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
  await openRawPage(page, demo);
  await page.waitForFunction(isRawSaved, TRAILER.slug, { timeout: 40_000 });
  await expectTrailerStored(page);
});
