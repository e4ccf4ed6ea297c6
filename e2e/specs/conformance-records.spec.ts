import { expect, test } from '../harness/fixtures';
import {
  byUrl,
  describeModes,
  openConformancePage,
  outcome,
  swEvent,
  wholeRecord,
} from '../support/conformance';
import { KiB, MiB } from '../support/fallback';

/**
 * conformance rules 12 and 13 through the raw API: `match()` / `matchAll()` in the page while the fetch is still
 * active, with `ignoreSearch` and `ignoreMethod`, a finished record's bytes, and InvalidStateError once the records
 * are gone.
 */

describeModes((mode) => {
  test('match() and matchAll() while the fetch is active; InvalidStateError once its records are gone', async ({
    browser,
    scope,
  }) => {
    const small = { name: 'small.bin', size: 64 * KiB };
    const first = scope.fileUrl(small);
    const second = `${first}&copy=2`;
    const withoutSearch = first.split('?')[0]!;
    // Keeps the fetch active while the page looks (8 s at 1 MiB/s); aborted at the end.
    const slow = scope.fileUrl({ name: 'slow.bin', size: 8 * MiB }, { throttle: MiB });
    const page = await openConformancePage(browser, scope, mode);
    await page.evaluate((urls) => window.conformance.fetch('records', urls), [first, second, slow]);

    // A finished response streams its stored bytes while the fetch is still active (rule 13).
    expect(await page.evaluate((url) => window.conformance.match('records', url), first)).toEqual(
      await wholeRecord(scope, first, small),
    );
    const found = await page.evaluate(
      async ({ first, second, withoutSearch }) => {
        const { match, matchAll } = window.conformance;
        const urls = async (request?: Parameters<typeof matchAll>[1], options?: CacheQueryOptions) =>
          (await matchAll('records', request, options, false)).map((record) => record.url).sort();
        return {
          exact: (await match('records', second, undefined, false))?.url,
          withoutSearch: await match('records', withoutSearch, undefined, false),
          ignoringSearch: (await match('records', withoutSearch, { ignoreSearch: true }, false))?.url,
          allIgnoringSearch: await urls(withoutSearch, { ignoreSearch: true }),
          all: (await urls()).length,
          post: await urls({ url: first, method: 'POST' }),
          postIgnoringMethod: await urls({ url: first, method: 'POST' }, { ignoreMethod: true }),
          unknown: await match('records', `${first}&copy=3`, undefined, false),
          result: window.conformance.fields('records')?.result,
        };
      },
      { first, second, withoutSearch },
    );
    expect(found).toEqual({
      exact: second,
      withoutSearch: null,
      ignoringSearch: expect.stringMatching(/small\.bin/),
      allIgnoringSearch: [first, second].sort(),
      all: 3,
      post: [],
      postIgnoringMethod: [first],
      unknown: null,
      // All of it while the fetch was still active.
      result: '',
    });
    expect([first, second]).toContain(found.ignoringSearch);
    expect(
      byUrl(
        await page.evaluate(
          (url) => window.conformance.matchAll('records', url, { ignoreSearch: true }),
          first,
        ),
      ),
    ).toEqual(byUrl([await wholeRecord(scope, first, small), await wholeRecord(scope, second, small)]));

    expect(await page.evaluate(() => window.conformance.abort('records'))).toBe(true);
    await swEvent(page, 'records');
    await page.waitForFunction(() => window.conformance.fields('records')?.recordsAvailable === false);
    expect(await outcome(page.evaluate(() => window.conformance.matchAll('records')))).toBe(
      'InvalidStateError',
    );
    expect(await outcome(page.evaluate((url) => window.conformance.match('records', url), first))).toBe(
      'InvalidStateError',
    );
  });

  test("a record's responseReady, asked while its bytes still arrive, resolves once it is stored whole", async ({
    browser,
    scope,
  }) => {
    // 2 s at 1 MiB/s: responseReady is asked long before the last byte.
    const file = { name: 'arriving.bin', size: 2 * MiB };
    const url = scope.fileUrl(file, { throttle: MiB });
    const page = await openConformancePage(browser, scope, mode);
    await page.evaluate((url) => window.conformance.fetch('arriving', [url]), url);
    expect(await page.evaluate((url) => window.conformance.match('arriving', url), url)).toEqual(
      await wholeRecord(scope, url, file),
    );
  });
});

// The fallback keeps a job's small responses side by side in one file (fallback/job-pack.ts). In Chromium a File
// read from a file goes stale once the file is written again, so a finished record read while its neighbours are still
// written must still come out whole (rule 13), however many times it is read.
test('a finished small record reads whole, again and again, while the other small responses of its job are written beside it', async ({
  browser,
  scope,
}) => {
  const done = { name: 'done.bin', size: 200 * KiB };
  const doneUrl = scope.fileUrl(done);
  // 3 s each at 200 KiB/s, six at a time: the job's file is written all through the reads.
  const arriving = Array.from({ length: 12 }, (_, index) =>
    scope.fileUrl({ name: `arriving-${index}.bin`, size: 600 * KiB }, { throttle: 200 * KiB }),
  );
  const page = await openConformancePage(browser, scope, 'polyfill');
  await page.evaluate((urls) => window.conformance.fetch('neighbours', urls), [doneUrl, ...arriving]);
  const whole = await wholeRecord(scope, doneUrl, done);
  for (let read = 0; read < 12; read++)
    expect(await page.evaluate((url) => window.conformance.match('neighbours', url), doneUrl)).toEqual(whole);
  expect(await page.evaluate(() => window.conformance.fields('neighbours')?.result)).toBe('');
  expect(await page.evaluate(() => window.conformance.abort('neighbours'))).toBe(true);
});
