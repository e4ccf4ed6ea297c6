import type { CDPSession } from '@playwright/test';
import { expect, test } from '../harness/fixtures';
import type { BrowserSession, TestPage } from '../harness/session';
import {
  DEFAULT_RECORDS,
  fastAgain,
  KiB,
  MiB,
  openFallbackPage,
  rangeStart,
  recordSha,
  slowFirstResponse,
  TEST_ENGINE,
  waitForDownloaded,
  waitForStatus,
} from '../support/fallback';

/**
 * A fetch's `network: 'unmetered'` (fallback/metered-network.ts) where Chromium tells the connection's type. It does
 * so on Android and ChromeOS; desktop Chromium shows `navigator.connection.type` only with its experimental web
 * platform features, so these tests turn them on. The DevTools protocol's network emulation then sets the type the
 * page and its dedicated worker see (the emulation reaches the worker: it runs in the page's renderer).
 */
test.use({ chromiumArgs: ['--enable-experimental-web-platform-features'] });

/** Emulates a connection of `type`; the emulation applies only with some latency or throughput set. */
async function connectVia(cdp: CDPSession, page: TestPage, type: 'cellular3g' | 'wifi') {
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 1,
    downloadThroughput: 1e9,
    uploadThroughput: 1e9,
    connectionType: type,
  });
  const seen = type === 'wifi' ? 'wifi' : 'cellular';
  await page.waitForFunction(
    (seen) => (navigator as Navigator & { connection?: { type?: string } }).connection?.type === seen,
    seen,
  );
}

async function devtools(browser: BrowserSession): Promise<CDPSession> {
  const context = browser.chromiumContext();
  return context.newCDPSession(context.pages()[0]!);
}

test('an unmetered fetch waits on a cellular connection, paused for metered-network, and starts on wifi', async ({
  browser,
  scope,
}) => {
  // One place: the waiting fetch must leave it to one that may download.
  const page = await openFallbackPage(browser, scope, { engine: { ...TEST_ENGINE, maxConcurrentJobs: 1 } });
  expect(await page.evaluate(() => window.fallback.capabilities().networkPolicy)).toBe(true);
  const cdp = await devtools(browser);
  await connectVia(cdp, page, 'cellular3g');
  const waiting = { name: 'waiting.bin', size: 512 * KiB };
  const other = { name: 'other.bin', size: 256 * KiB };
  const waitingUrl = scope.fileUrl(waiting);
  const otherUrl = scope.fileUrl(other);
  await page.evaluate(
    async ({ waitingUrl, otherUrl }) => {
      await window.fallback.fetch('waiting', [waitingUrl], { network: 'unmetered' });
      await window.fallback.fetch('other', [otherUrl]);
    },
    { waitingUrl, otherUrl },
  );
  await waitForStatus(page, 'other', 'success');
  expect(await page.evaluate(() => window.fallback.snapshot('waiting'))).toMatchObject({
    status: 'paused',
    pauseReason: 'metered-network',
    downloaded: 0,
  });
  expect((await scope.settled()).map((entry) => entry.url)).toEqual([
    new URL(otherUrl).pathname + new URL(otherUrl).search,
  ]);

  await connectVia(cdp, page, 'wifi');
  await waitForStatus(page, 'waiting', 'success');
  expect(await recordSha(page, DEFAULT_RECORDS, waitingUrl)).toBe(await scope.sha256(waiting));
  // It never showed another reason, and none once it went on.
  const reasons = await page.evaluate(() =>
    window.fallback.history('waiting').map((snapshot) => snapshot.pauseReason ?? null),
  );
  expect(new Set(reasons)).toEqual(new Set(['metered-network', null]));
});

test('a running unmetered fetch stops when the connection turns cellular, keeps its bytes, and goes on on wifi', async ({
  browser,
  scope,
}) => {
  const page = await openFallbackPage(browser, scope);
  const cdp = await devtools(browser);
  await connectVia(cdp, page, 'wifi');
  const file = { name: 'cut-short.bin', size: 2 * MiB };
  slowFirstResponse(scope, file);
  const url = scope.fileUrl(file);
  await page.evaluate((url) => window.fallback.fetch('cut-short', [url], { network: 'unmetered' }), url);
  await waitForDownloaded(page, 'cut-short', 512 * KiB);

  await connectVia(cdp, page, 'cellular3g');
  await waitForStatus(page, 'cut-short', 'paused');
  expect(await page.evaluate(() => window.fallback.snapshot('cut-short')?.pauseReason)).toBe(
    'metered-network',
  );
  // The running response was dropped, not read to its end.
  const [first] = await scope.settled();
  expect(first).toMatchObject({ incomplete: true });
  const kept = await page.evaluate(() => window.fallback.snapshot('cut-short')?.downloaded ?? 0);
  expect(kept).toBeGreaterThanOrEqual(512 * KiB);

  fastAgain(scope, file);
  await connectVia(cdp, page, 'wifi');
  await waitForStatus(page, 'cut-short', 'success');
  const log = await scope.settled();
  expect(log).toHaveLength(2);
  // It went on from the bytes it kept.
  expect(rangeStart(log[1]!)).toBe(kept);
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
});
