import { expect, test } from '../harness/fixtures';
import {
  describeModes,
  expectProgressEndsAtResult,
  fetchToTheEnd,
  openConformancePage,
  wholeRecord,
} from '../support/conformance';
import { MiB, requestLog } from '../support/fallback';

/**
 * conformance rules 10 and 20 through the raw API: a GET cut mid-body resumes with `Range` and a validator; a
 * server that ignores `Range` makes the request restart (so `downloaded` may go down) without doubling bytes; a
 * changed ETag is never spliced onto earlier bytes.
 */

const file = { name: 'cut.bin', size: 2 * MiB + 321 };
// Throttled where the request must resume: the drop comes well after the first bytes are stored.

describeModes((mode) => {
  test('a connection cut mid-body resumes with Range and If-Range; the record is the whole file', async ({
    browser,
    scope,
  }) => {
    const url = scope.fileUrl(file, { cutAfter: 700 * 1024, throttle: MiB });
    const page = await openConformancePage(browser, scope, mode);
    const { final, event } = await fetchToTheEnd(page, 'cut', [url]);
    expect(final).toMatchObject({ result: 'success', downloaded: file.size });
    expect(event.records).toEqual([await wholeRecord(scope, url, file)]);
    const [first, ...rest] = await requestLog(scope);
    expect(first).toMatchObject({ range: null, incomplete: true });
    expect(rest.at(-1)).toMatchObject({
      status: 206,
      range: expect.stringMatching(/^bytes=[1-9]\d*-$/),
      incomplete: false,
    });
    expect(rest.at(-1)?.ifRange).toBeTruthy();
    await expectProgressEndsAtResult(page, 'cut', final);
  });

  test('a server that ignores Range makes the request restart: the record is whole, no byte counted twice', async ({
    browser,
    scope,
  }) => {
    const url = scope.fileUrl(file, { cutAfter: 700 * 1024, ignoreRange: true });
    const page = await openConformancePage(browser, scope, mode);
    const { final, event } = await fetchToTheEnd(page, 'restart', [url]);
    expect(final).toMatchObject({ result: 'success', downloaded: file.size });
    expect(event.records).toEqual([await wholeRecord(scope, url, file)]);
    expect((await requestLog(scope)).at(-1)).toMatchObject({
      status: 200,
      bytesSent: file.size,
      incomplete: false,
    });
    await expectProgressEndsAtResult(page, 'restart', final);
  });

  // Native Chromium splices a 206 whose ETag changed onto the earlier bytes and reports success with the wrong
  // content (docs/browsers.md): polyfill mode only.
  if (mode === 'polyfill') {
    test('a changed ETag on resume is never spliced: the request restarts or fails with fetch-error', async ({
      browser,
      scope,
    }) => {
      const url = scope.fileUrl(file, { cutAfter: 700 * 1024, changeEtag: true, throttle: MiB });
      const page = await openConformancePage(browser, scope, mode);
      const { final, event } = await fetchToTheEnd(page, 'changed', [url]);
      // The second request tried to resume from the stored bytes, and got another version.
      expect((await requestLog(scope))[1]).toMatchObject({
        range: expect.stringMatching(/^bytes=[1-9]\d*-$/),
      });
      const [record] = event.records;
      if (final.result === 'success') {
        // Whole bytes of the version the last request got, never a mix of two.
        expect(record).toEqual(await wholeRecord(scope, url, file));
      } else {
        expect(final.failureReason).toBe('fetch-error');
      }
      await expectProgressEndsAtResult(page, 'changed', final);
    });
  }
});
