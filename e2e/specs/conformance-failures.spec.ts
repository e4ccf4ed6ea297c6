import { expect, test } from '../harness/fixtures';
import { LATE_UI } from '../pages/conformance/api';
import {
  byUrl,
  crossOrigin,
  describeModes,
  expectProgressEndsAtResult,
  fetchToTheEnd,
  notFoundRecord,
  openConformancePage,
  outcome,
  settledFields,
  swEvent,
  wholeRecord,
} from '../support/conformance';
import { bytesSent, KiB, MiB } from '../support/fallback';

/**
 * conformance rules 15–17, 19, 21–23 through the raw API: how a fetch fails, what the fail and abort events hold,
 * and that the page's registration stops reporting once its result is set.
 */

describeModes((mode) => {
  test('a 404 fails the fetch with bad-status once every record settled; the fail event holds the 404 response', async ({
    browser,
    scope,
  }) => {
    const good = { name: 'good.bin', size: 600 * KiB };
    const urls = [
      scope.fileUrl({ name: 'gone.bin', size: KiB }, { status: 404 }),
      scope.fileUrl(good, { throttle: MiB }),
    ];
    const id = `${LATE_UI}-404`;
    const page = await openConformancePage(browser, scope, mode);
    await page.evaluate(({ id, urls }) => window.conformance.fetch(id, urls), { id, urls });

    const final = await settledFields(page, id);
    expect(final).toMatchObject({ result: 'failure', failureReason: 'bad-status' });
    const event = await swEvent(page, id);
    expect(event).toMatchObject({
      type: 'backgroundfetchfail',
      fields: { result: 'failure', failureReason: 'bad-status' },
      hasUpdateUI: true,
      // Rule 22: updateUI once the event is no longer active.
      lateUpdateUI: 'InvalidStateError',
      recordsAvailableAfter: false,
      matchAllAfter: 'InvalidStateError',
    });
    // Rule 15: the record holds the 404; rule 21: the other record was fetched whole before the fetch failed.
    expect(byUrl(event.records)).toMatchObject(
      byUrl([notFoundRecord(urls[0]!), await wholeRecord(scope, urls[1]!, good)]),
    );
    await expectProgressEndsAtResult(page, id, final);
  });

  test('a cross-origin response without CORS fails with fetch-error and leaks nothing', async ({
    browser,
    scope,
  }) => {
    const blocked = { name: 'blocked.bin', size: 64 * KiB };
    const url = crossOrigin(scope.fileUrl(blocked));
    const page = await openConformancePage(browser, scope, mode);
    const { final, event } = await fetchToTheEnd(page, 'no-cors', [url]);
    // Rule 16: the refused response's bytes are not counted, and its record gives no response.
    expect(final).toMatchObject({ result: 'failure', failureReason: 'fetch-error', downloaded: 0 });
    expect(event).toMatchObject({
      type: 'backgroundfetchfail',
      fields: { failureReason: 'fetch-error', downloaded: 0 },
    });
    // No response: responseReady rejects with a TypeError (the spec's; Chromium's is an UnknownError).
    const error = mode === 'polyfill' ? 'TypeError' : expect.any(String);
    expect(event.records).toEqual([{ url, method: 'GET', error }]);
    expect(await bytesSent(scope, blocked)).toBeGreaterThan(0);
    await expectProgressEndsAtResult(page, 'no-cors', final);
  });

  // Native Chromium retries a refused or cut connection for about 104 s, then reports success with an empty body
  // (docs/browsers.md): it cannot show this rule.
  if (mode === 'polyfill') {
    test('a network error fails with fetch-error', async ({ browser, scope }) => {
      // The media server listens on 127.0.0.1 only: [::1] refuses the connection.
      const url = scope.fileUrl({ name: 'refused.bin', size: KiB }).replace('127.0.0.1', '[::1]');
      const page = await openConformancePage(browser, scope, mode);
      const { final, event } = await fetchToTheEnd(page, 'refused', [url]);
      expect(final).toMatchObject({ result: 'failure', failureReason: 'fetch-error', downloaded: 0 });
      expect(event).toMatchObject({ type: 'backgroundfetchfail', fields: { failureReason: 'fetch-error' } });
      expect(event.records).toEqual([{ url, method: 'GET', error: 'TypeError' }]);
      await expectProgressEndsAtResult(page, 'refused', final);
    });
  }

  test('more bytes than downloadTotal fail the whole fetch at once with download-total-exceeded', async ({
    browser,
    scope,
  }) => {
    const file = { name: 'too-big.bin', size: 4 * MiB };
    const page = await openConformancePage(browser, scope, mode);
    const url = scope.fileUrl(file, { throttle: 2 * MiB });
    const { final, event } = await fetchToTheEnd(page, 'too-big', [url], { downloadTotal: 1000 });
    expect(final).toMatchObject({ result: 'failure', failureReason: 'download-total-exceeded' });
    expect(event).toMatchObject({
      type: 'backgroundfetchfail',
      fields: { failureReason: 'download-total-exceeded' },
    });
    // "At once": the request was dropped long before the throttled file could have ended.
    expect(await bytesSent(scope, file)).toBeLessThan(file.size / 2);
    await expectProgressEndsAtResult(page, 'too-big', final);
  });

  test('abort(): true once, then false; aborted even after a failing record; finished records stay readable', async ({
    browser,
    scope,
  }) => {
    const small = { name: 'small.bin', size: 20 * KiB };
    const big = { name: 'big.bin', size: 8 * MiB };
    const urls = [
      scope.fileUrl({ name: 'gone.bin', size: KiB }, { status: 404 }),
      scope.fileUrl(small),
      scope.fileUrl(big, { throttle: MiB }),
    ];
    const page = await openConformancePage(browser, scope, mode);
    await page.evaluate((urls) => window.conformance.fetch('abort-me', urls), urls);
    // Both small responses are complete (responseReady resolves once a record's response is whole)...
    expect(await page.evaluate((url) => window.conformance.match('abort-me', url), urls[0]!)).toMatchObject({
      status: 404,
    });
    expect(await page.evaluate((url) => window.conformance.match('abort-me', url), urls[1]!)).toMatchObject({
      status: 200,
      bytes: small.size,
    });
    // ... the 404 would fail the fetch with bad-status, but the abort comes first.
    expect(await page.evaluate(() => window.conformance.abort('abort-me'))).toBe(true);
    expect(await page.evaluate(() => window.conformance.abort('abort-me'))).toBe(false);

    const final = await settledFields(page, 'abort-me');
    expect(final).toMatchObject({ result: 'failure', failureReason: 'aborted' });
    const event = await swEvent(page, 'abort-me');
    expect(event).toMatchObject({
      type: 'backgroundfetchabort',
      fields: { result: 'failure', failureReason: 'aborted' },
      // Rule 22: the abort event has no updateUI.
      hasUpdateUI: false,
      recordsAvailableAfter: false,
      matchAllAfter: 'InvalidStateError',
    });
    expect(byUrl(event.records)).toMatchObject(
      byUrl([
        notFoundRecord(urls[0]!),
        await wholeRecord(scope, urls[1]!, small),
        // The incomplete record's responseReady rejects with AbortError.
        { url: urls[2]!, method: 'GET', error: 'AbortError' },
      ]),
    );
    expect(await page.evaluate(() => window.conformance.abort('abort-me'))).toBe(false);
    expect(await outcome(page.evaluate(() => window.conformance.matchAll('abort-me')))).toBe(
      'InvalidStateError',
    );
    expect(await bytesSent(scope, big)).toBeLessThan(big.size);
    await expectProgressEndsAtResult(page, 'abort-me', final);
  });
});
