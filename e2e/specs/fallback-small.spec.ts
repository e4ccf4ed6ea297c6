import { expect, test } from '../harness/fixtures';
import {
  DEFAULT_RECORDS,
  KiB,
  openFallbackPage,
  recordSha,
  requestLog,
  startOn,
  waitForDownloaded,
  waitForSettled,
} from '../support/fallback';

/**
 * Small responses, each within one chunk (256 KiB here, TEST_ENGINE), many to a job: a cut keeps what was received
 * (not only whole chunks), and a reload loses none of the finished ones. (A design that kept such responses as
 * Blobs on their IndexedDB records failed the reload test in WebKit: docs/performance.md.)
 */

test('a small response that fails mid-body keeps what it received: the resume asks from the last byte', async ({
  browser,
  scope,
}) => {
  const file = { name: 'small-stall.bin', size: 200 * KiB };
  const stallAt = 120 * KiB;
  const url = scope.fileUrl(file, { stallAt, stallMs: 20_000 });
  const page = await openFallbackPage(browser, scope);
  await page.evaluate((url) => window.fallback.fetch('small-stall', [url]), url);
  expect(await waitForSettled(page, 'small-stall')).toBe('success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
  expect(await requestLog(scope)).toMatchObject([
    { range: null, bytesSent: stallAt, incomplete: true },
    { range: `bytes=${stallAt}-`, bytesSent: file.size - stallAt, incomplete: false },
  ]);
});

test('a reload in the middle of a job of small files fetches none of the stored ones again', async ({
  browser,
  scope,
}) => {
  const files = Array.from({ length: 24 }, (_, index) => ({
    name: `small-${index}.bin`,
    size: (index % 6) * 40 * KiB + 3 * KiB + index,
  }));
  const total = files.reduce((sum, file) => sum + file.size, 0);
  // Slow enough (each answer at 256 KB/s) that the reload lands mid-job; fast again for the reloaded page.
  for (const file of files) scope.setKnobs(file.name, { throttle: 256 * KiB });
  const urls = files.map((file) => scope.fileUrl(file));
  const page = await openFallbackPage(browser, scope);
  await page.evaluate((urls) => window.fallback.fetch('small-many', urls), urls);
  await waitForDownloaded(page, 'small-many', total / 3);
  for (const file of files) scope.setKnobs(file.name, {});
  await page.reload();
  // The old page and its worker are gone, the new one's engine not started yet: what starts from here is the reload's.
  const reloadedAt = Date.now();
  await startOn(page, scope);
  // The job as IndexedDB kept it: a request's `downloaded` is what was stored before the page went.
  const kept = await page.evaluate(() => window.fallback.history('small-many')[0]!.requests);
  const stored = files.filter((file, index) => kept[index]!.downloaded === file.size);
  expect(stored.length).toBeGreaterThan(0);
  expect(await waitForSettled(page, 'small-many')).toBe('success');
  for (const [index, file] of files.entries())
    expect(await recordSha(page, DEFAULT_RECORDS, urls[index]!), file.name).toBe(await scope.sha256(file));
  const log = await requestLog(scope);
  for (const file of stored) {
    const again = log.filter(
      (entry) => entry.url.includes(`/${file.name}?`) && entry.startedAt >= reloadedAt,
    );
    expect(again, file.name).toEqual([]);
  }
});
