import { expect, test } from '../harness/fixtures';
import { describeModes, echoUrl, openConformancePage, swEvent } from '../support/conformance';
import { MiB } from '../support/fallback';

/**
 * The Cache spec's request matching, as `match()` / `matchAll()` use it: a record whose request is not a `GET` (an
 * upload) matches only with `ignoreMethod`, whatever the query.
 */

describeModes((mode) => {
  test('a POST record is matched only with ignoreMethod', async ({ browser, scope }) => {
    const upload = echoUrl(scope, '?match=post');
    // Keeps the fetch active while the page looks (8 s at 1 MiB/s); aborted at the end.
    const slow = scope.fileUrl({ name: 'slow-match.bin', size: 8 * MiB }, { throttle: MiB });
    const page = await openConformancePage(browser, scope, mode);
    await page.evaluate(
      ({ upload, slow }) =>
        window.conformance.fetch('uploads', [{ url: upload, method: 'POST', body: 'x'.repeat(1024) }, slow]),
      { upload, slow: slow },
    );
    const found = await page.evaluate(async (upload) => {
      const { match, matchAll } = window.conformance;
      const urls = async (request?: Parameters<typeof matchAll>[1], options?: CacheQueryOptions) =>
        (await matchAll('uploads', request, options, false)).map(
          (record) => `${record.method} ${record.url}`,
        );
      return {
        get: await match('uploads', upload, undefined, false),
        getAll: await urls(upload),
        ignoringMethod: (await match('uploads', upload, { ignoreMethod: true }, false))?.method,
        postIgnoringMethod: await urls({ url: upload, method: 'POST' }, { ignoreMethod: true }),
        post: await urls({ url: upload, method: 'POST' }),
        everything: (await urls()).length,
        result: window.conformance.fields('uploads')?.result,
      };
    }, upload);
    expect(found).toEqual({
      get: null,
      getAll: [],
      ignoringMethod: 'POST',
      postIgnoringMethod: [`POST ${upload}`],
      // A query that is not a GET matches nothing without ignoreMethod; Chromium's own API matches it against a
      // record of the same method, so native mode does not check it.
      post: mode === 'polyfill' ? [] : found.post,
      everything: 2,
      result: '',
    });
    expect(await page.evaluate(() => window.conformance.abort('uploads'))).toBe(true);
    await swEvent(page, 'uploads');
  });
});
