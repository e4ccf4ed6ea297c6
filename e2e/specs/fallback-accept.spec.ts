import { expect, test } from '../harness/fixtures';
import { DEFAULT_RECORDS, KiB, openFallbackPage, recordSha, waitForStatus } from '../support/fallback';

/**
 * The `accept` option on the fallback engine: an answer that is not the kind of file the app asked for (a dev
 * server's or SPA's `index.html` for a mistyped URL, a text for a media URL, a body too small) fails the fetch at
 * its head, before a byte is stored, with the reason in the request's `refused`; a good stored copy stays.
 */

test('a mistyped media URL answered with index.html (200 text/html) fails, nothing stored; without accept it is stored', async ({
  browser,
  scope,
}) => {
  // The built test page itself: what a dev server or an SPA answers for a path it does not know.
  const mistyped = new URL('/fallback/index.html', scope.base).href;
  const page = await openFallbackPage(browser, scope);
  await page.evaluate(
    (url) => window.fallback.fetch('mistyped', [url], { accept: { contentTypes: ['audio/*'] } }),
    mistyped,
  );
  await waitForStatus(page, 'mistyped', 'failure');
  const snapshot = await page.evaluate(() => window.fallback.snapshot('mistyped'));
  expect(snapshot).toMatchObject({ failureReason: 'fetch-error', downloaded: 0 });
  expect(snapshot?.requests[0]).toMatchObject({ status: 200 });
  expect(snapshot?.requests[0]?.refused).toMatch(
    /Content-Type text\/html, not one of accept\.contentTypes \(audio\/\*\)/,
  );
  expect(await recordSha(page, DEFAULT_RECORDS, mistyped)).toBeUndefined();

  await page.evaluate((url) => window.fallback.fetch('unchecked', [url]), mistyped);
  await waitForStatus(page, 'unchecked', 'success');
});

test('a later answer the check refuses never replaces the good stored copy', async ({ browser, scope }) => {
  const url = `${scope.base}/media/accept-ep.wav?seconds=1`;
  const page = await openFallbackPage(browser, scope);
  await page.evaluate(
    (url) => window.fallback.fetch('ep', [url], { accept: { contentTypes: ['audio/*'] } }),
    url,
  );
  await waitForStatus(page, 'ep', 'success');
  const good = await page.evaluate(({ cache, url }) => window.fallback.record(cache, url), {
    cache: DEFAULT_RECORDS,
    url,
  });
  expect(good?.bytes).toBeGreaterThan(KiB);

  // The same URL now answers 200 with a short text instead of the audio.
  scope.setKnobs('accept-ep.wav', { status: 200 });
  await page.evaluate(
    (url) => window.fallback.fetch('ep', [url], { accept: { contentTypes: ['audio/*'] } }),
    url,
  );
  await waitForStatus(page, 'ep', 'failure');
  expect(await page.evaluate(() => window.fallback.snapshot('ep')?.requests[0]?.refused)).toMatch(
    /text\/plain/,
  );
  expect(
    await page.evaluate(({ cache, url }) => window.fallback.record(cache, url), {
      cache: DEFAULT_RECORDS,
      url,
    }),
  ).toEqual(good);
});

test('minBytes refuses a body too small, told by its Content-Length or, chunked, at its end', async ({
  browser,
  scope,
}) => {
  const page = await openFallbackPage(browser, scope);
  const small = { name: 'small.bin', size: KiB };
  for (const [id, url] of [
    ['small', scope.fileUrl(small)],
    ['small-chunked', scope.fileUrl(small, { chunked: true })],
  ] as const) {
    await page.evaluate(
      ({ id, url, minBytes }) => window.fallback.fetch(id, [url], { accept: { minBytes } }),
      { id, url, minBytes: 4 * KiB },
    );
    await waitForStatus(page, id, 'failure');
    expect(await page.evaluate((id) => window.fallback.snapshot(id)?.requests[0]?.refused, id)).toBe(
      'the answer has 1024 bytes, fewer than accept.minBytes (4096)',
    );
    expect(await recordSha(page, DEFAULT_RECORDS, url)).toBeUndefined();
  }
  await page.evaluate(
    (url) => window.fallback.fetch('big-enough', [url], { accept: { minBytes: 1024 } }),
    scope.fileUrl(small),
  );
  await waitForStatus(page, 'big-enough', 'success');
});

test('a bad accept option rejects with a TypeError and starts nothing', async ({ browser, scope }) => {
  const page = await openFallbackPage(browser, scope);
  const errors = await page.evaluate(
    async (url) => {
      const tries = [
        { contentTypes: ['audio'] },
        { contentTypes: [] },
        { minBytes: -1 },
        { contentType: ['audio/*'] },
      ];
      return Promise.all(
        tries.map((accept, index) =>
          window.fallback
            // biome-ignore lint/suspicious/noExplicitAny: bad input on purpose
            .fetch(`bad-${index}`, [url], { accept: accept as any })
            .then(
              () => 'started',
              (error: Error) => `${error.name}: ${error.message}`,
            ),
        ),
      );
    },
    scope.fileUrl({ name: 'any.bin', size: KiB }),
  );
  for (const error of errors) expect(error).toMatch(/^TypeError: bgfetch: options\.accept/);
  expect(await page.evaluate(() => window.fallback.storeIds())).toEqual([]);
});
