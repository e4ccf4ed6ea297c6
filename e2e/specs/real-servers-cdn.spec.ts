import { expect, test } from '../harness/nginx-fixtures';
import { DEFAULT_RECORDS, KiB, MiB, openFallbackPage, recordSha, waitForSettled } from '../support/fallback';

/**
 * Downloads that cannot resume, against Debian's nginx (harness/nginx-config.ts): a CDN-like origin (CORS for
 * simple requests only: nothing exposed, `OPTIONS` answered 405) and a gzip-encoded answer. A drop restarts them
 * from zero, and they arrive whole: never failed, never spliced, and the snapshot says they are not resumable.
 */

test('a cut mid-file on a CDN-like origin restarts from zero and arrives whole', async ({
  browser,
  nginx,
  cdnProxy,
  site,
}) => {
  const file = await site.write('cdn.bin', 2 * MiB);
  // Slow unranged answers (256 KiB/s): the cut comes mid-body, after chunks were committed.
  const url = site.url(file.name, { origin: cdnProxy.origin, path: 'slow-start' });
  const page = await openFallbackPage(browser, { base: nginx.origins.main });
  cdnProxy.cutAfter(MiB);
  const cut = cdnProxy.nextCut();
  await page.evaluate((url) => window.fallback.fetch('cdn', [url]), url);
  await cut;
  expect(await waitForSettled(page, 'cdn')).toBe('success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(file.sha256);
  const requests = await page.evaluate(() => window.fallback.snapshot('cdn')?.requests);
  expect(requests).toMatchObject([{ resumable: false, downloaded: file.size }]);
  const gets = (await site.log()).filter((entry) => entry.method === 'GET');
  // The resume's If-Range needed a preflight the CDN refused (OPTIONS 405): the request started over without it.
  expect(gets.at(0)).toMatchObject({ origin: 'cdn', range: null, incomplete: true });
  expect(gets.at(-1)).toMatchObject({ status: 200, range: null, incomplete: false, bytesSent: file.size });
  expect(gets.every((entry) => entry.status === 200)).toBe(true);
});

test('a cut gzip-encoded answer (weak ETag) restarts from zero: no date-based If-Range, never spliced', async ({
  browser,
  proxy,
  site,
}) => {
  const file = await site.write('notes.txt', 2 * MiB, { text: true });
  const url = site.url(file.name, { origin: proxy.origin, path: 'slow-start' });
  const page = await openFallbackPage(browser, { base: proxy.origin });
  proxy.cutAfter(300 * KiB);
  const cut = proxy.nextCut();
  await page.evaluate((url) => window.fallback.fetch('notes', [url]), url);
  await cut;
  expect(await waitForSettled(page, 'notes')).toBe('success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(file.sha256);
  const requests = await page.evaluate(() => window.fallback.snapshot('notes')?.requests);
  expect(requests).toMatchObject([{ resumable: false }]);
  const gets = (await site.log()).filter((entry) => entry.method === 'GET');
  expect(gets.length).toBeGreaterThanOrEqual(2);
  expect(gets[0]).toMatchObject({ contentEncoding: 'gzip', incomplete: true });
  expect(gets[0]!.etag).toMatch(/^W\//);
  // Every later request starts over: no Range, and no If-Range naming a date beside nginx's weak ETag.
  for (const entry of gets.slice(1)) expect(entry).toMatchObject({ range: null, ifRange: null });
  expect(gets.at(-1)).toMatchObject({ status: 200, incomplete: false });
});
