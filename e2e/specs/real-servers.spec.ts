import { expect, test } from '../harness/nginx-fixtures';
import {
  BROWSER_BUFFER,
  DEFAULT_RECORDS,
  fetchAndPauseAfterAChunk,
  KiB,
  MiB,
  openFallbackPage,
  rangeStart,
  recordSha,
  startOn,
  TEST_ENGINE,
  waitForDownloaded,
  waitForSettled,
  waitForStatus,
  wentDown,
} from '../support/fallback';
import { fetchAcrossACut } from '../support/real-servers';

/**
 * The fallback engine against Debian's nginx (harness/nginx-config.ts): files from disk with nginx's own ETag,
 * Range and If-Range, a cutting proxy in front of it (harness/cutting-proxy.ts), and a cross-origin nginx with the
 * CORS headers a CDN sends for resume. Each download ends in a record whose SHA-256 equals that of the file on
 * disk. What today's engine does not yet do against these servers is in real-servers-pending.spec.ts.
 */

const CHUNK = TEST_ENGINE.chunkSize!;
/** The stored bytes a cross-origin resume asks for again (core's `SEAM_BYTES`). */
const SEAM_BYTES = 64;

test('a plain download from nginx is stored byte-exact, in one request', async ({ browser, nginx, site }) => {
  const file = await site.write('plain.bin', 3 * MiB);
  const url = site.url(file.name);
  const page = await openFallbackPage(browser, { base: nginx.origins.main });
  await page.evaluate((url) => window.fallback.fetch('plain', [url]), url);
  await waitForStatus(page, 'plain', 'success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(file.sha256);
  expect(await site.log()).toMatchObject([
    { method: 'GET', status: 200, range: null, bytesSent: file.size, incomplete: false },
  ]);
});

test('a connection cut mid-file (proxy) resumes with Range and If-Range from the bytes it received', async ({
  browser,
  proxy,
  site,
}) => {
  const file = await site.write('cut.bin', 4 * MiB);
  // A slow first answer (256 KiB/s), as on a network about to drop: the page reads each byte as it comes, so the
  // cut, not a backlog in the browser's buffers, decides what was received. The resume comes at full speed.
  const url = site.url(file.name, { origin: proxy.origin, path: 'slow-start' });
  const page = await openFallbackPage(browser, { base: proxy.origin });
  // Counted from now: only the download flows through the proxy after the page has started, so the cut comes
  // `cutAt` bytes into its answer (head included).
  const cutAt = MiB + 100 * KiB;
  await fetchAcrossACut(page, proxy, cutAt, 'cut', [url]);
  await waitForStatus(page, 'cut', 'success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(file.sha256);
  const [first, resumed, ...rest] = await site.logWhen((log) => log.length >= 2);
  expect(rest).toEqual([]);
  expect(first).toMatchObject({ status: 200, range: null });
  // nginx's own validator came back in If-Range, and nginx answered 206 from the stored offset to the end.
  expect(resumed).toMatchObject({ status: 206, ifRange: first!.etag, incomplete: false });
  const from = rangeStart(resumed!)!;
  expect(from).toBeGreaterThan(0);
  expect(from).toBeLessThan(cutAt);
  // A cut is an error: what was received before it was committed, not only whole chunks, so the resume re-fetches
  // at most what the browser's own buffers dropped.
  expect(cutAt - from, `resumed from byte ${from}`).toBeLessThanOrEqual(BROWSER_BUFFER);
  expect(resumed!.bytesSent).toBe(file.size - from);
});

test('a reload mid-download resumes from nginx with Range', async ({ browser, nginx, site }) => {
  const file = await site.write('reload.bin', 2 * MiB);
  // Slow without Range (256 KiB/s), fast with: the first response is still running when the page reloads.
  const url = site.url(file.name, { path: 'slow-start' });
  const host = { base: nginx.origins.main };
  const page = await openFallbackPage(browser, host);
  await page.evaluate((url) => window.fallback.fetch('reloaded', [url]), url);
  await waitForDownloaded(page, 'reloaded', CHUNK + 64 * KiB);
  await page.reload();
  await startOn(page, host);
  await waitForStatus(page, 'reloaded', 'success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(file.sha256);
  const log = await site.logWhen((log) => log.length >= 2);
  expect(log.at(-1)).toMatchObject({ status: 206, ifRange: log[0]!.etag, incomplete: false });
  expect(rangeStart(log.at(-1)!)! % CHUNK).toBe(0);
});

test('offline pauses a download from nginx, online resumes it with Range', async ({
  browser,
  nginx,
  site,
}) => {
  const file = await site.write('offline.bin', 2 * MiB);
  const url = site.url(file.name, { path: 'slow-start' });
  const page = await openFallbackPage(browser, { base: nginx.origins.main });
  await page.evaluate((url) => window.fallback.fetch('net', [url]), url);
  await waitForDownloaded(page, 'net', CHUNK);
  await page.setOffline(true);
  await waitForStatus(page, 'net', 'offline');
  await page.setOffline(false);
  await waitForStatus(page, 'net', 'success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(file.sha256);
  const log = await site.logWhen((log) => log.length >= 2);
  expect(log.at(-1)).toMatchObject({ status: 206, ifRange: log[0]!.etag, incomplete: false });
});

test('a file replaced on disk between attempts (new ETag) arrives whole in its new version', async ({
  browser,
  nginx,
  site,
}) => {
  const old = await site.write('replaced.bin', 3 * MiB);
  const url = site.url(old.name, { path: 'slow-start' });
  const page = await openFallbackPage(browser, { base: nginx.origins.main });
  await fetchAndPauseAfterAChunk(page, 'replaced', url);
  const fresh = await site.write(old.name, old.size, { version: 2 });
  expect(fresh.sha256).not.toBe(old.sha256);
  await page.evaluate(() => window.fallback.resume('replaced'));
  await waitForStatus(page, 'replaced', 'success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(fresh.sha256);
  const [first, second, ...rest] = await site.logWhen((log) => log.length >= 2);
  expect(rest).toEqual([]);
  // The resume named the old version in If-Range; nginx's validator differs now, so it sent the new one whole.
  expect(second).toMatchObject({ status: 200, ifRange: first!.etag, incomplete: false, bytesSent: old.size });
  expect(rangeStart(second!)).toBeGreaterThan(0);
  expect(second!.etag).not.toBe(first!.etag);
  expect(await wentDown(page, 'replaced')).toBe(true);
});

test('a cross-origin nginx with the CORS headers a CDN sends for resume resumes with Range', async ({
  browser,
  nginx,
  site,
}) => {
  const file = await site.write('cors.bin', 3 * MiB);
  const url = site.url(file.name, { origin: 'cors', path: 'slow-start' });
  const page = await openFallbackPage(browser, { base: nginx.origins.main });
  await fetchAndPauseAfterAChunk(page, 'cors', url);
  await page.evaluate(() => window.fallback.resume('cors'));
  await waitForStatus(page, 'cors', 'success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(file.sha256);
  const log = await site.logWhen((log) => log.some((entry) => entry.status === 206));
  const gets = log.filter((entry) => entry.method === 'GET');
  expect(gets).toHaveLength(2);
  expect(gets[1]).toMatchObject({ origin: 'cors', status: 206, ifRange: gets[0]!.etag, incomplete: false });
  // A cross-origin resume asks again for the last stored bytes, to check they are the ones its range repeats
  // (core's fallback/seams.ts): the stored bytes end at a chunk's end.
  expect((rangeStart(gets[1]!)! + SEAM_BYTES) % CHUNK).toBe(0);
  expect(rangeStart(gets[1]!)).toBeGreaterThan(0);
});

test('a small file cut mid-body on a CDN that takes resumes resumes at its place, its last stored bytes repeated and matched', async ({
  browser,
  nginx,
  corsProxy,
  site,
}) => {
  // Two small files share the run's pack; the other one is written beside the resume as it is checked.
  const cut = await site.write('cut.bin', 600 * KiB);
  const beside = await site.write('beside.bin', 600 * KiB);
  const urls = [
    site.url(cut.name, { origin: corsProxy.origin, path: 'slow-start' }),
    site.url(beside.name, { origin: 'cors', path: 'slow-start' }),
  ];
  const page = await openFallbackPage(browser, { base: nginx.origins.main });
  await fetchAcrossACut(page, corsProxy, 300 * KiB, 'small-cors', urls);
  expect(await waitForSettled(page, 'small-cors')).toBe('success');
  expect(await recordSha(page, DEFAULT_RECORDS, urls[0]!)).toBe(cut.sha256);
  expect(await recordSha(page, DEFAULT_RECORDS, urls[1]!)).toBe(beside.sha256);
  const requests = await page.evaluate(() => window.fallback.snapshot('small-cors')?.requests);
  expect(requests?.[0]?.resumable).toBeUndefined();
  const gets = (await site.log()).filter((entry) => entry.method === 'GET' && entry.url.endsWith(cut.name));
  expect(gets).toHaveLength(2);
  expect(gets[1]).toMatchObject({ status: 206, ifRange: gets[0]!.etag, incomplete: false });
  // The resume asked from 64 bytes before the stored ones, and those matched: nothing was fetched a third time.
  expect(rangeStart(gets[1]!)).toBeGreaterThan(0);
  expect(gets[1]!.bytesSent).toBe(cut.size - rangeStart(gets[1]!)!);
});

test('a file over two connections from a CDN that takes resumes, cut, resumes its range: every seam repeated and matched', async ({
  browser,
  nginx,
  corsProxy,
  site,
}) => {
  const file = await site.write('split.bin', 4 * MiB);
  const url = site.url(file.name, { origin: corsProxy.origin, path: 'files' });
  const page = await openFallbackPage(
    browser,
    { base: nginx.origins.main },
    { engine: { chunkSize: 256 * KiB } },
  );
  await fetchAcrossACut(page, corsProxy, MiB, 'split', [url], { connections: 2 });
  expect(await waitForSettled(page, 'split')).toBe('success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(file.sha256);
  const requests = await page.evaluate(() => window.fallback.snapshot('split')?.requests);
  expect(requests?.[0]?.resumable).toBeUndefined();
  // The second range and the cut one's resume each asked from 64 bytes before their own, and matched.
  const ranged = (await site.log()).filter((entry) => entry.method === 'GET' && entry.status === 206);
  expect(ranged.length).toBeGreaterThanOrEqual(2);
  for (const entry of ranged) expect(entry.ifRange).not.toBeNull();
});
