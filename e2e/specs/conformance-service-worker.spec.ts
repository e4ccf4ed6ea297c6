import { expect, test } from '../harness/fixtures';
import { describeModes, openConformancePage, settledFields, swEvent } from '../support/conformance';
import { MiB } from '../support/fallback';

/**
 * The spec exposes `registration.backgroundFetch` in the service worker too: there `getIds()` and `get()` see the
 * fetches the pages started, and `abort()` on what `get()` gives ends one. Starting a fetch there is refused with
 * `NotAllowedError` by Chromium (docs/browsers.md), and by the polyfill, whose fetches run in pages.
 */

describeModes((mode) => {
  test('in the service worker: getIds() and get() see an active fetch, abort() there ends it, fetch() is refused', async ({
    browser,
    scope,
  }) => {
    // Long enough to still be running while the service worker looks (16 s at 1 MiB/s); aborted from there.
    const slow = scope.fileUrl({ name: 'slow.bin', size: 16 * MiB }, { throttle: MiB });
    const page = await openConformancePage(browser, scope, mode);
    await page.evaluate((url) => window.conformance.fetch('from-page', [url]), slow);

    const seen = await page.evaluate(() => window.conformance.swLookup('from-page'));
    expect(seen).toMatchObject({
      ids: ['from-page'],
      found: { id: 'from-page', result: '', failureReason: '', downloadTotal: 0 },
      fetch: 'NotAllowedError',
    });
    expect(await page.evaluate(() => window.conformance.swLookup('unknown'))).toMatchObject({ found: null });

    expect((await page.evaluate(() => window.conformance.swLookup('from-page', true))).aborted).toBe(true);
    expect(await settledFields(page, 'from-page')).toMatchObject({
      result: 'failure',
      failureReason: 'aborted',
    });
    expect((await swEvent(page, 'from-page')).type).toBe('backgroundfetchabort');
    expect(await page.evaluate(() => window.conformance.swLookup('from-page'))).toMatchObject({
      ids: [],
      found: null,
    });
  });
});
