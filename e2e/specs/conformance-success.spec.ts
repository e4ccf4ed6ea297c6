import { expect, test } from '../harness/fixtures';
import {
  byUrl,
  describeModes,
  expectProgressEndsAtResult,
  openConformancePage,
  outcome,
  SETTLE,
  settledFields,
  swEvent,
  wholeRecord,
} from '../support/conformance';
import { KiB, MiB } from '../support/fallback';

/**
 * conformance rules 6, 8, 9, 10, 13, 14, 22, 23 through the raw API: one fetch from `fetch()` to the success event,
 * in polyfill mode (every engine) and on Chromium's native API.
 */

describeModes((mode) => {
  test('a fetch that succeeds: fresh figures, get(), progress up to the result, every record in the success event', async ({
    browser,
    scope,
    engine,
  }) => {
    const big = { name: 'big.bin', size: 2 * MiB + 123 };
    const small = { name: 'small.bin', size: 20 * KiB };
    const files = [big, small, small];
    // Duplicate URLs in one job: both records come back (rule 3).
    const urls = [scope.fileUrl(big, { throttle: MiB }), scope.fileUrl(small), scope.fileUrl(small)];
    const downloadTotal = big.size + 2 * small.size;
    const page = await openConformancePage(browser, scope, mode);

    const first = await page.evaluate(
      ({ urls, downloadTotal }) =>
        window.conformance.fetch('episode', urls, { title: 'Episode', downloadTotal }),
      { urls, downloadTotal },
    );
    // Rule 6: a fresh registration.
    expect(first).toEqual({
      id: 'episode',
      uploadTotal: 0,
      uploaded: 0,
      downloadTotal,
      downloaded: 0,
      result: '',
      failureReason: '',
      recordsAvailable: true,
    });
    // Rule 8: get() gives the same figures, and within one page the same object.
    const looked = await page.evaluate(async () => {
      const got = await window.conformance.get('episode');
      return { got, original: window.conformance.fields('episode') };
    });
    expect(looked.got?.fields).toEqual(looked.original);
    // Chromium's get() makes a new object each time, against the spec's "get a BackgroundFetchRegistration instance".
    if (mode === 'polyfill') expect(looked.got?.sameInstance).toBe(true);
    // Rule 9: an active fetch is listed.
    expect(await page.evaluate(() => window.conformance.getIds())).toEqual(['episode']);

    // Rule 14: every request 2xx, the success event runs with every record.
    const final = await settledFields(page, 'episode');
    expect(final).toMatchObject({ result: 'success', failureReason: '', downloaded: downloadTotal });
    const event = await swEvent(page, 'episode');
    expect(event).toMatchObject({
      type: 'backgroundfetchsuccess',
      // The service worker's install defines the events where the browser has none (all but Chromium).
      installed: mode === 'native' ? null : engine === 'chromium' ? 'native' : 'polyfill',
      fields: { result: 'success', failureReason: '', downloaded: downloadTotal },
      recordsAvailableDuring: true,
      hasUpdateUI: true,
      // Rule 22: updateUI works once, then throws, and throws once the event is no longer active.
      updateUI: ['ok', 'InvalidStateError'],
      lateUpdateUI: 'InvalidStateError',
      // Rule 23: records go once the handler is done.
      recordsAvailableAfter: false,
      matchAllAfter: 'InvalidStateError',
    });
    // Rule 13: responseReady streams the stored bytes, without Content-Range.
    const expected = await Promise.all(files.map((file, index) => wholeRecord(scope, urls[index]!, file)));
    expect(byUrl(event.records)).toEqual(byUrl(expected));

    // Rule 10: progress events while the bytes came, none after the result.
    const events = await expectProgressEndsAtResult(page, 'episode', final);
    expect(
      events.filter((fields) => fields.downloaded > 0 && fields.downloaded < downloadTotal).length,
    ).toBeGreaterThan(1);
    // Rules 9 and 12: a settled fetch is not listed; its records are gone from the page's object too.
    expect(await page.evaluate(() => window.conformance.getIds())).toEqual([]);
    await page.waitForFunction(
      () => window.conformance.fields('episode')?.recordsAvailable === false,
      undefined,
      SETTLE,
    );
    expect(await outcome(page.evaluate(() => window.conformance.matchAll('episode')))).toBe(
      'InvalidStateError',
    );
  });
});
