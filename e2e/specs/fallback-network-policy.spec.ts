import { expect, test } from '../harness/fixtures';
import {
  DEFAULT_RECORDS,
  fetchAndPauseAfterAChunk,
  KiB,
  openFallbackPage,
  recordSha,
  waitForStatus,
} from '../support/fallback';

/**
 * What a paused fetch says of why (`pauseReason`), and `network: 'unmetered'` where the browser does not tell the
 * connection's type: Firefox, WebKit, and desktop Chromium (which tells it only on Android and ChromeOS; see
 * fallback-network-policy.chromium.spec.ts for where it does). There the option changes nothing.
 */

test('where the browser does not tell the connection type, networkPolicy is false and an unmetered fetch downloads as any', async ({
  browser,
  scope,
}) => {
  const page = await openFallbackPage(browser, scope);
  expect(await page.evaluate(() => window.fallback.capabilities())).toMatchObject({
    networkPolicy: false,
    bandwidthCap: true,
  });
  const file = { name: 'anywhere.bin', size: 512 * KiB };
  const url = scope.fileUrl(file);
  await page.evaluate((url) => window.fallback.fetch('anywhere', [url], { network: 'unmetered' }), url);
  await waitForStatus(page, 'anywhere', 'success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
  const statuses = await page.evaluate(() =>
    window.fallback.history('anywhere').map((snapshot) => snapshot.status),
  );
  expect(statuses).not.toContain('paused');
});

test('a fetch paused by pause(id) says so (pauseReason user) until it is resumed', async ({
  browser,
  scope,
}) => {
  const page = await openFallbackPage(browser, scope);
  const file = { name: 'paused.bin', size: 1024 * KiB };
  const url = scope.fileUrl(file, { throttle: 256 * KiB });
  await fetchAndPauseAfterAChunk(page, 'paused', url);
  await waitForStatus(page, 'paused', 'paused');
  expect(await page.evaluate(() => window.fallback.snapshot('paused')?.pauseReason)).toBe('user');
  await page.evaluate(() => window.fallback.resume('paused'));
  await waitForStatus(page, 'paused', 'success');
  const after = await page.evaluate(() => window.fallback.snapshot('paused'));
  expect(after).not.toHaveProperty('pauseReason');
});
