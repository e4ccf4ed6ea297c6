import { expect, test } from '../harness/nginx-fixtures';
import { DEFAULT_RECORDS, KiB, MiB, openFallbackPage, recordSha, waitForSettled } from '../support/fallback';
import { fetchAcrossACut } from '../support/real-servers';

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
  await fetchAcrossACut(page, cdnProxy, MiB, 'cdn', [url]);
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
  await fetchAcrossACut(page, proxy, 300 * KiB, 'notes', [url]);
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

test('objects stored gzip-compressed on a CDN-like origin (encoding hidden, the compressed length shown) arrive whole, decoded', async ({
  browser,
  nginx,
  site,
}) => {
  // A small one (a place in the run's pack, at first) and one past the pack's limit (a file of its own).
  const small = await site.write('small.json', 600 * KiB, { text: true, gzipped: true });
  const large = await site.write('large.json', 3 * MiB, { text: true, gzipped: true });
  const urls = [small, large].map((file) => site.url(file.name, { origin: 'cdn', path: 'gzipped' }));
  const page = await openFallbackPage(browser, { base: nginx.origins.main });
  await page.evaluate((urls) => window.fallback.fetch('stored-gzipped', urls), urls);
  expect(await waitForSettled(page, 'stored-gzipped')).toBe('success');
  for (const [index, file] of [small, large].entries()) {
    expect(await recordSha(page, DEFAULT_RECORDS, urls[index]!)).toBe(file.sha256);
    // The record does not keep a Content-Length that names the compressed bytes: it holds the decoded ones.
    const length = await page.evaluate(
      async ({ cacheName, url }) =>
        (await (await caches.open(cacheName)).match(url))?.headers.get('Content-Length'),
      { cacheName: DEFAULT_RECORDS, url: urls[index]! },
    );
    expect([null, String(file.size)]).toContain(length);
  }
  const requests = await page.evaluate(() => window.fallback.snapshot('stored-gzipped')?.requests);
  expect(requests).toMatchObject([
    { resumable: false, downloaded: small.size },
    { resumable: false, downloaded: large.size },
  ]);
  const gets = (await site.log()).filter((entry) => entry.method === 'GET');
  expect(gets.every((entry) => entry.status === 200 && entry.contentEncoding === 'gzip')).toBe(true);
  // The large one never needed a second request; the small one at most one, to leave the pack.
  expect(gets.filter((entry) => entry.url.endsWith('large.json'))).toHaveLength(1);
  expect(gets.filter((entry) => entry.url.endsWith('small.json')).length).toBeLessThanOrEqual(2);
});

test('a cut object stored gzip-compressed on a CDN that takes resumes (encoding hidden) starts over: never spliced', async ({
  browser,
  nginx,
  corsProxy,
  site,
}) => {
  // About 1.3 MiB compressed: a file of its own, not a place in the pack.
  const file = await site.write('model.json', 2.5 * MiB, { text: true, gzipped: true });
  // Slow unranged answers: the cut comes mid-body, after bytes were stored, so a resume is asked for.
  const url = site.url(file.name, { origin: corsProxy.origin, path: 'slow-start-gzipped' });
  const page = await openFallbackPage(browser, { base: nginx.origins.main });
  // A cut before the decoded bytes outgrow the compressed length: nothing has shown the encoding yet.
  await fetchAcrossACut(page, corsProxy, 400 * KiB, 'model', [url]);
  expect(await waitForSettled(page, 'model')).toBe('success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(file.sha256);
  const requests = await page.evaluate(() => window.fallback.snapshot('model')?.requests);
  expect(requests).toMatchObject([{ resumable: false, downloaded: file.size }]);
  const gets = (await site.log()).filter((entry) => entry.method === 'GET');
  // The resume asked for a range of the compressed bytes, repeating some stored ones first. Chromium fails it,
  // Firefox fails its body (twice), WebKit hands the compressed bytes over, which the repeated ones show are not
  // the stored ones. Whichever way, the request started over, and the record came from one whole answer.
  expect(gets.find((entry) => entry.range !== null)).toMatchObject({ ifRange: gets[0]!.etag });
  expect(gets.at(-1)).toMatchObject({ status: 200, range: null, incomplete: false });
});

test('an object stored gzip-compressed on a CDN that takes resumes, asked for over two connections, is never spliced', async ({
  browser,
  nginx,
  site,
}) => {
  const file = await site.write('tiles.json', 4 * MiB, { text: true, gzipped: true });
  const url = site.url(file.name, { origin: 'cors', path: 'gzipped' });
  // Small chunks: the compressed length (about 2.2 MiB) is enough for two ranges.
  const page = await openFallbackPage(
    browser,
    { base: nginx.origins.main },
    { engine: { chunkSize: 256 * KiB } },
  );
  await page.evaluate((url) => window.fallback.fetch('tiles', [url], { connections: 2 }), url);
  expect(await waitForSettled(page, 'tiles')).toBe('success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(file.sha256);
  const requests = await page.evaluate(() => window.fallback.snapshot('tiles')?.requests);
  expect(requests).toMatchObject([{ resumable: false, downloaded: file.size }]);
  const gets = (await site.log()).filter((entry) => entry.method === 'GET');
  // The second range's answer (compressed bytes) was never spliced after the first's (decoded ones).
  expect(gets.some((entry) => entry.status === 206)).toBe(true);
  expect(gets.at(-1)).toMatchObject({ status: 200, range: null, incomplete: false });
});

test('a large object stored gzip-compressed, on one connection of its own choosing, is never cut at its compressed length', async ({
  browser,
  nginx,
  site,
}) => {
  // Over 16 MiB compressed: fetched as ranges ('auto'), one range at first, which ends at the compressed length.
  const file = await site.write('atlas.json', 34 * MiB, { text: true, gzipped: true });
  const url = site.url(file.name, { origin: 'cors', path: 'gzipped' });
  const page = await openFallbackPage(browser, { base: nginx.origins.main });
  await page.evaluate((url) => window.fallback.fetch('atlas', [url]), url);
  expect(await waitForSettled(page, 'atlas', [], 90_000)).toBe('success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(file.sha256);
  const requests = await page.evaluate(() => window.fallback.snapshot('atlas')?.requests);
  expect(requests).toMatchObject([{ resumable: false, downloaded: file.size }]);
});

test('a capped download of an object stored gzip-compressed finishes: its spans never ask past its length', async ({
  browser,
  nginx,
  site,
}) => {
  // Decoded, it is longer than one capped span (a quarter of a second's bytes), compressed shorter.
  const file = await site.write('notes.json', 400 * KiB, { text: true, gzipped: true });
  const url = site.url(file.name, { origin: 'cors', path: 'gzipped' });
  const page = await openFallbackPage(browser, { base: nginx.origins.main });
  const cap = MiB;
  await page.evaluate(({ url, cap }) => window.fallback.fetch('capped', [url], { maxBytesPerSecond: cap }), {
    url,
    cap,
  });
  expect(await waitForSettled(page, 'capped')).toBe('success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(file.sha256);
  const gets = (await site.log()).filter((entry) => entry.method === 'GET');
  expect(gets.every((entry) => entry.status !== 416)).toBe(true);
});
