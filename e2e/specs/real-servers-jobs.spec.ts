import { expect, test } from '../harness/nginx-fixtures';
import {
  DEFAULT_RECORDS,
  KiB,
  openFallbackPage,
  recordSha,
  TEST_ENGINE,
  waitForSettled,
} from '../support/fallback';

/**
 * Many-file jobs against Debian's nginx over HTTP/1.1 (harness/nginx-config.ts), where a browser opens at most six
 * connections per host: a job's requests wait for a connection in the engine's own queue, not on the network, so
 * the stall clock never counts that wait and no attempt is spent on it.
 */

test('a job of 50 files on one HTTP/1.1 host, with a short stall timeout, succeeds in 50 requests', async ({
  browser,
  nginx,
  site,
}) => {
  const count = 50;
  // Each answer takes about 1.5 s (nginx's limit_rate: 256 KiB at once, then 256 KiB/s): with six connections the
  // job takes about 13 s, and the last requests wait about 12 s for a connection, far past the stall timeout.
  const size = 640 * KiB;
  const files = await Promise.all(
    Array.from({ length: count }, (_, index) => site.write(`part-${index}.bin`, size)),
  );
  const urls = files.map((file) => site.url(file.name, { path: 'slow' }));
  // Longer than the gap between two of limit_rate's bursts (1 s), far shorter than the queue.
  const engine = { ...TEST_ENGINE, stallTimeoutMs: 1500 };
  const page = await openFallbackPage(browser, { base: nginx.origins.main }, { engine });
  await page.evaluate((urls) => window.fallback.fetch('many', urls), urls);
  expect(await waitForSettled(page, 'many', [], 60_000)).toBe('success');
  for (const [index, file] of files.entries()) {
    expect(await recordSha(page, DEFAULT_RECORDS, urls[index]!), file.name).toBe(file.sha256);
  }
  // One GET per file, each answered whole: no attempt was dropped while it waited for a connection.
  const log = await site.log();
  expect(log).toHaveLength(count);
  const whole = (entry: (typeof log)[number]) =>
    entry.method === 'GET' && entry.status === 200 && !entry.incomplete;
  expect(log.filter((entry) => !whole(entry))).toEqual([]);
  expect(new Set(log.map((entry) => entry.url)).size).toBe(count);
});
