import type { NginxPath } from '../harness/nginx-fixtures';
import { expect, test } from '../harness/nginx-fixtures';
import {
  DEFAULT_RECORDS,
  openFallbackPage,
  recordSha,
  TEST_ENGINE,
  waitForSettled,
} from '../support/fallback';

/**
 * Errors that do not go away, against Debian's nginx (harness/nginx-config.ts): a status that says "no" fails the
 * fetch at once, one that says "later" is retried as the server asks, and a network error that repeats while the
 * server is up fails the fetch rather than retrying for minutes. The retry policy is the default one, as a user
 * gets it (TEST_ENGINE's quick retries would end any of these within seconds, right or wrong).
 */

const AS_SHIPPED = { engine: { ...TEST_ENGINE, retry: {} } };

/** How long the fetch took, by its own clock: from its start to the report that settled it. */
async function settledAfter(page: Awaited<ReturnType<typeof openFallbackPage>>, id: string) {
  return page.evaluate((id) => {
    const snapshot = window.fallback.snapshot(id);
    return snapshot ? snapshot.updatedAt - snapshot.startedAt : Number.NaN;
  }, id);
}

test('a 500 fails the fetch bad-status at once, in one request', async ({ browser, nginx, site }) => {
  const url = site.url('broken.bin', { path: 'status/500' });
  const page = await openFallbackPage(browser, { base: nginx.origins.main }, AS_SHIPPED);
  await page.evaluate((url) => window.fallback.fetch('broken', [url]), url);
  expect(await waitForSettled(page, 'broken', [], 10_000)).toBe('failure');
  expect(await page.evaluate(() => window.fallback.snapshot('broken')?.failureReason)).toBe('bad-status');
  expect(await settledAfter(page, 'broken')).toBeLessThan(2000);
  expect(await site.log()).toMatchObject([{ method: 'GET', status: 500 }]);
});

test('503 with Retry-After: 1 is retried after the second the server asked for, then succeeds', async ({
  browser,
  nginx,
  site,
}) => {
  const name = 'later.bin';
  const url = site.url(name, { path: 'busy' });
  const page = await openFallbackPage(browser, { base: nginx.origins.main });
  await page.evaluate((url) => window.fallback.fetch('later', [url]), url);
  // The file appears while the fetch waits out the server's Retry-After.
  await site.logWhen((log) => log.length >= 1);
  const file = await site.write(name, 512 * 1024);
  expect(await waitForSettled(page, 'later')).toBe('success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(file.sha256);
  const log = await site.log();
  expect(log.map((entry) => entry.status)).toEqual([503, 200]);
  // Not TEST_ENGINE's 20 ms back-off: the second the server asked for (the log's clock has ms precision).
  expect(log[1]!.startedAt - log[0]!.endedAt).toBeGreaterThanOrEqual(950);
});

const PERMANENT: { what: string; path: NginxPath; origin: 'main' | 'mirror' }[] = [
  { what: 'a redirect to a data: URL', path: 'redirect/data', origin: 'main' },
  { what: 'a cross-origin redirect without CORS', path: 'redirect/mirror', origin: 'main' },
  { what: 'a cross-origin answer without CORS', path: 'files', origin: 'mirror' },
];

for (const { what, path, origin } of PERMANENT) {
  test(`${what} fails the fetch fetch-error within 20 s while the server is up`, async ({
    browser,
    nginx,
    site,
  }) => {
    await site.write('nowhere.bin', 64 * 1024);
    const url = site.url('nowhere.bin', { path, origin });
    const page = await openFallbackPage(browser, { base: nginx.origins.main }, AS_SHIPPED);
    await page.evaluate((url) => window.fallback.fetch('nowhere', [url]), url);
    expect(await waitForSettled(page, 'nowhere', [], 25_000)).toBe('failure');
    const snapshot = await page.evaluate(() => window.fallback.snapshot('nowhere'));
    expect(snapshot?.failureReason).toBe('fetch-error');
    expect(await settledAfter(page, 'nowhere')).toBeLessThan(20_000);
  });
}
