import { expect, type SiteFile, test } from '../harness/nginx-fixtures';
import {
  BROWSER_BUFFER,
  DEFAULT_RECORDS,
  fetchAndPauseAfterAChunk,
  KiB,
  MiB,
  openFallbackPage,
  rangeStart,
  recordSha,
  TEST_ENGINE,
  waitForStatus,
  wentDown,
} from '../support/fallback';
import { DEFAULT_RETRY_ENGINE, elapsed, settledWithin } from '../support/real-servers';

/**
 * PENDING: the real-server tests that today's fallback engine fails (issue 14), kept apart from the main suite
 * until the engine's fixes land; each moves to real-servers.spec.ts with the fix that turns it green. Same setup as
 * there: Debian's nginx (harness/nginx-config.ts), the cutting proxy, and cross-origin nginx origins.
 *
 * What each one shows today in Chromium, in its own comment (Firefox and WebKit: the same unless it says).
 */

const CHUNK = TEST_ENGINE.chunkSize!;

/*
 * Today it fails in 4 of 11 runs here (load average 10–14): the resume re-fetches far more than one chunk and the
 * browser's buffer (768 KiB): once it sent no Range at all (nothing was stored), three times it asked from 256 or
 * 512 KiB, 1–1.25 MiB before the cut. The cut ends a transfer at full loopback speed, so the browser holds a backlog
 * of received bytes when it comes; what it received must be kept (the passing twin in real-servers.spec.ts cuts a
 * slow transfer, where nothing is left unread). Firefox and WebKit passed their one run each.
 */
test('a connection cut mid-file at full speed resumes from what was received', async ({
  browser,
  proxy,
  site,
}) => {
  const file = await site.write('cut.bin', 4 * MiB);
  const url = site.url(file.name, { origin: proxy.origin });
  const page = await openFallbackPage(browser, { base: proxy.origin });
  // Counted from now: only the download flows through the proxy after the page has started, so the cut comes
  // `cutAt` bytes into its answer (head included).
  const cutAt = 1.5 * MiB;
  proxy.cutAfter(cutAt);
  const cut = proxy.nextCut();
  await page.evaluate((url) => window.fallback.fetch('cut', [url]), url);
  await cut;
  await waitForStatus(page, 'cut', 'success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(file.sha256);
  const [first, resumed, ...rest] = await site.logWhen((log) => log.length >= 2);
  expect(rest).toEqual([]);
  expect(first).toMatchObject({ status: 200, range: null });
  expect(resumed).toMatchObject({ status: 206, ifRange: first!.etag, incomplete: false });
  const from = rangeStart(resumed!)!;
  expect(from).toBeLessThan(cutAt);
  expect(cutAt - from, `resumed from byte ${from}`).toBeLessThanOrEqual(CHUNK + BROWSER_BUFFER);
});

/*
 * Today: after the cut (1 MiB of the gzip stream passed on), the engine asks for `Range: bytes=1572864-` with
 * `If-Range: <Last-Modified>` (the ETag is weak, W/"…", so it falls back to the date, which RFC 9110 §13.1.5 forbids
 * while an entity tag exists); Chromium sends a ranged request with `Accept-Encoding: identity`, nginx answers 206
 * in identity, and the engine appends it to the bytes it decoded from gzip. The record happens to be byte-exact
 * (nginx's identity bytes equal the decoded ones); the log shows the splice.
 */
test('a gzip-encoded text file cut mid-way restarts from zero, never spliced', async ({
  browser,
  proxy,
  site,
}) => {
  const file = await site.write('text.txt', 3 * MiB, { text: true });
  const url = site.url(file.name, { origin: proxy.origin });
  const page = await openFallbackPage(browser, { base: proxy.origin });
  proxy.cutAfter(MiB);
  const cut = proxy.nextCut();
  await page.evaluate((url) => window.fallback.fetch('gzip', [url]), url);
  await cut;
  await waitForStatus(page, 'gzip', 'success');
  const record = await page.evaluate(({ cacheName, url }) => window.fallback.record(cacheName, url), {
    cacheName: DEFAULT_RECORDS,
    url,
  });
  expect(record).toMatchObject({ sha256: file.sha256, bytes: file.size });
  const log = await site.logWhen((log) => log.length >= 2);
  // The stored bytes were decoded from a gzip body: no Range can continue them (a range counts bytes of another
  // representation), so every request after the cut asks for the whole file again, and gets it encoded.
  for (const entry of log) expect(entry).toMatchObject({ range: null, status: 200, contentEncoding: 'gzip' });
  expect(log.at(-1)).toMatchObject({ incomplete: false });
  expect(await wentDown(page, 'gzip')).toBe(true);
});

/*
 * Today: the first GET is paused after 512 KiB; the resume carries `If-Range` (Last-Modified, the one validator a
 * page can read from this origin), which needs a preflight; six `OPTIONS` are answered 405, each retried as
 * transient, and the job fails `fetch-error` after about 4 s with the tests' quick retry policy (about 98 s with the
 * default one), its bytes deleted, where a restart from zero would have finished.
 */
test('a CDN-like origin (no exposed headers, OPTIONS 405) still delivers the file whole', async ({
  browser,
  nginx,
  site,
}) => {
  const file = await site.write('cdn.bin', 3 * MiB);
  const url = site.url(file.name, { origin: 'cdn', path: 'slow-start' });
  const page = await openFallbackPage(browser, { base: nginx.origins.main });
  await fetchAndPauseAfterAChunk(page, 'cdn', url);
  await page.evaluate(() => window.fallback.resume('cdn'));
  const snapshot = await settledWithin(page, site, 'cdn', 30_000);
  expect(snapshot).toMatchObject({ result: 'success', failureReason: '' });
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(file.sha256);
  // Whatever the engine tried, what it stored came from answers it could read in full: a whole 200.
  const log = await site.log();
  expect(log.filter((entry) => entry.method === 'GET').at(-1)).toMatchObject({
    status: 200,
    incomplete: false,
  });
});

/* Today: still `pending` after 10 s with 4–5 requests in the log: a 500 is retried as transient. */
test('a 500 from nginx fails the fetch with bad-status within 2 s', async ({ browser, nginx, site }) => {
  const page = await openFallbackPage(
    browser,
    { base: nginx.origins.main },
    { engine: DEFAULT_RETRY_ENGINE },
  );
  const url = site.url('error.bin', { path: 'status/500' });
  await page.evaluate((url) => window.fallback.fetch('error', [url]), url);
  const snapshot = await settledWithin(page, site, 'error', 10_000);
  expect(snapshot).toMatchObject({ status: 'failure', failureReason: 'bad-status' });
  expect(elapsed(snapshot)).toBeLessThan(2000);
});

/*
 * Today: the retry after the 503 comes 19–27 ms later (the tests' back-off, 20–200 ms): `Retry-After` is not
 * read. The job then succeeds once the file is there, except in one Firefox run of two, not `success` 30 s later:
 * six retries 20–200 ms apart can all come before the test has put the file in place.
 */
test('a 503 with Retry-After: 1, then the file: retried no sooner than asked, then stored', async ({
  browser,
  nginx,
  site,
}) => {
  const name = 'busy.bin';
  const url = site.url(name, { path: 'busy' });
  const page = await openFallbackPage(browser, { base: nginx.origins.main });
  await page.evaluate((url) => window.fallback.fetch('busy', [url]), url);
  // The file appears once nginx has answered 503 (Retry-After: 1) for it: a server back after a warm-up.
  await site.logWhen((log) => log.some((entry) => entry.status === 503));
  const file = await site.write(name, 700 * KiB);
  expect(await settledWithin(page, site, 'busy', 30_000)).toMatchObject({ result: 'success' });
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(file.sha256);
  const log = await site.log();
  expect(log.at(-1)).toMatchObject({ status: 200, incomplete: false });
  // Every retry after a 503 came at least the Retry-After second later (nginx's clock, ms precision).
  for (const [index, entry] of log.entries()) {
    if (entry.status !== 503 || index === log.length - 1) continue;
    expect(log[index + 1]!.startedAt - entry.endedAt).toBeGreaterThanOrEqual(1000);
  }
});

/**
 * Errors no retry can mend: the fetch fails `fetch-error` within 20 s while the network is up.
 *
 * Today: both still `pending` after 25 s, retried as transient: 5–6 requests for the data: redirect, 10–12
 * (redirect and refused GET, each time) for the cross-origin one.
 */
const PERMANENT = [
  { what: 'a redirect to a data: URL', path: 'redirect/data' },
  { what: 'a cross-origin redirect to an origin without CORS', path: 'redirect/mirror' },
] as const;

for (const { what, path } of PERMANENT) {
  test(`${what} fails fetch-error within 20 s`, async ({ browser, nginx, site }) => {
    await site.write('target.bin', 64 * KiB);
    const page = await openFallbackPage(
      browser,
      { base: nginx.origins.main },
      { engine: DEFAULT_RETRY_ENGINE },
    );
    const url = site.url('target.bin', { path });
    await page.evaluate((url) => window.fallback.fetch('permanent', [url]), url);
    const snapshot = await settledWithin(page, site, 'permanent', 25_000);
    expect(snapshot).toMatchObject({ status: 'failure', failureReason: 'fetch-error' });
    expect(elapsed(snapshot)).toBeLessThan(20_000);
  });
}

/*
 * Today: the job succeeds byte-exact, but 9 of the 50 files were requested 2 or 3 times (61 requests): each request
 * starts at once and its stall clock runs while it waits for one of the browser's six connections to the host.
 * Firefox: 62 requests, 12 of them dropped 2 s and 4 s after the job started (one run of two; the other passed, as
 * did the one WebKit run).
 */
test('a job of 50 files over HTTP/1.1 succeeds byte-exact with one request per file', async ({
  browser,
  nginx,
  site,
}) => {
  test.setTimeout(120_000);
  // 512 KiB each from /slow/ (256 KiB/s; nginx sends the first second's worth at once): about a second per file,
  // six files at a time on HTTP/1.1, so most requests wait several seconds for a connection, longer than the
  // stall timeout (TEST_ENGINE: 2 s), which must count only from the response headers.
  const files = await Promise.all(
    Array.from({ length: 50 }, (_, index) => site.write(`many-${index}.bin`, 512 * KiB)),
  );
  const urls = files.map((file) => site.url(file.name, { path: 'slow' }));
  const page = await openFallbackPage(browser, { base: nginx.origins.main });
  await page.evaluate((urls) => window.fallback.fetch('many', urls), urls);
  const snapshot = await settledWithin(page, site, 'many', 90_000);
  expect(snapshot).toMatchObject({ result: 'success' });
  for (const [index, url] of urls.entries()) {
    expect(await recordSha(page, DEFAULT_RECORDS, url), url).toBe(files[index]!.sha256);
  }
  const log = await site.log();
  const requestsOf = (file: SiteFile) => log.filter((entry) => entry.url.endsWith(`/${file.name}`));
  // One request each: none was dropped for waiting (in the browser's queue for a connection) and asked again.
  expect(files.map((file) => requestsOf(file).length)).toEqual(files.map(() => 1));
  for (const file of files) {
    expect(requestsOf(file), file.name).toMatchObject([{ status: 200, range: null, incomplete: false }]);
  }
});
