import type { FetchOptions } from '@bgfetch/core';
import { expect, test } from '../harness/fixtures';
import type { TestPage } from '../harness/session';
import type { TestScope } from '../server/types';
import {
  DEFAULT_RECORDS,
  KiB,
  MiB,
  openFallbackPage,
  recordSha,
  TEST_ENGINE,
  waitForStatus,
} from '../support/fallback';
import { mostSentInWindow } from '../support/server-pace';

/**
 * Bandwidth caps (`maxBytesPerSecond`: a fetch's own, the engine's, `setMaxBytesPerSecond`; fallback/bandwidth.ts),
 * measured where they matter, on the server: the client reads no faster than the cap, so the server, whose sending
 * TCP holds to the reader's pace, writes no more than the cap × 1.25 over any 2 s window once the first 2 s have
 * filled the socket and browser buffers. Each file would take a fraction of the time without its cap.
 */

const WINDOW_MS = 2000;
/** Slack over the cap: the token bucket's half-second burst and the servers' write pieces. */
const SLACK = 1.25;

test('a fetch’s own maxBytesPerSecond holds the server to the cap, and the file lands whole', async ({
  browser,
  scope,
}) => {
  const cap = 256 * KiB;
  const file = { name: 'capped.bin', size: 2 * MiB };
  // Without the cap the server's own pace, twice the cap, would make it 4 s, its windows after the first holding
  // twice what the cap allows.
  const url = scope.fileUrl(file, { throttle: 2 * cap });
  const page = await openFallbackPage(browser, scope);
  await page.evaluate(({ url, cap }) => window.fallback.fetch('capped', [url], { maxBytesPerSecond: cap }), {
    url,
    cap,
  });
  await waitForStatus(page, 'capped', 'success', 45_000);
  const log = await scope.settled();
  const start = Math.min(...log.map((entry) => entry.startedAt));
  const end = Math.max(...log.map((entry) => entry.endedAt));
  const most = mostSentInWindow(log, start + WINDOW_MS, end, WINDOW_MS);
  expect(most).toBeDefined();
  expect(most).toBeLessThanOrEqual(cap * (WINDOW_MS / 1000) * SLACK);
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
});

test('a capped fetch from a server without ranges is read whole, in one request, not started over span by span', async ({
  browser,
  scope,
}) => {
  const file = { name: 'no-ranges.bin', size: 512 * KiB };
  const url = scope.fileUrl(file, { ignoreRange: true });
  const page = await openFallbackPage(browser, scope);
  await page.evaluate(
    ({ url, cap }) => window.fallback.fetch('no-ranges', [url], { maxBytesPerSecond: cap }),
    { url, cap: 256 * KiB },
  );
  await waitForStatus(page, 'no-ranges', 'success');
  expect(await scope.settled()).toHaveLength(1);
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
});

test('a capped fetch whose file changes between its spans stores the new version whole, never a splice', async ({
  browser,
  scope,
}) => {
  const file = { name: 'changing.bin', size: 512 * KiB };
  // Every request after the first sees a new version: the first span's resume gets a whole new answer.
  const url = scope.fileUrl(file, { changeEtag: true });
  const page = await openFallbackPage(browser, scope);
  await page.evaluate(
    ({ url, cap }) => window.fallback.fetch('changing', [url], { maxBytesPerSecond: cap }),
    { url, cap: 256 * KiB },
  );
  await waitForStatus(page, 'changing', 'success');
  const log = await scope.settled();
  expect(log).toHaveLength(2);
  expect(log[1]).toMatchObject({ status: 200, incomplete: false });
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file, 2));
});

/**
 * Runs a 3 MiB download under a cap of 256 KiB/s, lowers the cap to 96 KiB/s after 5 s and lifts it 6 s later
 * (`setCap`), and checks the server's pace under each cap and that the rest comes at once when lifted.
 */
async function capChangeTest(
  page: TestPage,
  scope: TestScope,
  fetchOptions: FetchOptions,
  setCap: (limit: number | null) => Promise<void>,
) {
  const file = { name: 'recapped.bin', size: 3 * MiB };
  const url = scope.fileUrl(file);
  const started = Date.now();
  await page.evaluate(({ url, fetchOptions }) => window.fallback.fetch('recapped', [url], fetchOptions), {
    url,
    fetchOptions,
  });
  // Each stage lasts long enough for a window after the buffers filled at the pace before it.
  await elapsed(started, 2.5 * WINDOW_MS);
  const lowered = Date.now();
  await setCap(LOWER);
  await elapsed(lowered, 3 * WINDOW_MS);
  expect(await page.evaluate(() => window.fallback.snapshot('recapped')?.status)).toBe('fetching');
  const lifted = Date.now();
  await setCap(null);
  // At the lower cap the rest (about 1 MiB) would take over 10 s; lifted, it is a moment on loopback.
  await waitForStatus(page, 'recapped', 'success', 8000);
  const log = await scope.settled();
  const start = Math.min(...log.map((entry) => entry.startedAt));
  const before = mostSentInWindow(log, start + WINDOW_MS, lowered, WINDOW_MS);
  expect(before).toBeDefined();
  expect(before).toBeLessThanOrEqual(FIRST * (WINDOW_MS / 1000) * SLACK);
  const after = mostSentInWindow(log, lowered + WINDOW_MS, lifted, WINDOW_MS);
  expect(after).toBeDefined();
  expect(after).toBeLessThanOrEqual(LOWER * (WINDOW_MS / 1000) * SLACK);
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
}

const FIRST = 256 * KiB;
const LOWER = 96 * KiB;

test('the engine’s cap holds every fetch, and setMaxBytesPerSecond lowers it, then lifts it, while they run', async ({
  browser,
  scope,
}) => {
  const page = await openFallbackPage(browser, scope, {
    engine: { ...TEST_ENGINE, maxBytesPerSecond: FIRST },
  });
  await capChangeTest(page, scope, {}, (limit) =>
    page.evaluate((limit) => window.fallback.setMaxBytesPerSecond(limit), limit),
  );
});

test('a fetch’s own cap changes while it runs, set from another tab than the one running it', async ({
  browser,
  scope,
}) => {
  const page = await openFallbackPage(browser, scope);
  const other = await openFallbackPage(browser, scope);
  await capChangeTest(page, scope, { maxBytesPerSecond: FIRST }, (limit) =>
    other.evaluate((limit) => window.fallback.setMaxBytesPerSecond(limit, 'recapped'), limit),
  );
});

/** Resolves once `ms` have passed since `since`: the caps are measured over stretches of time, not events. */
function elapsed(since: number, ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, since + ms - Date.now())));
}
