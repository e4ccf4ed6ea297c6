import { expect, test } from '../harness/fixtures';
import {
  DEFAULT_RECORDS,
  KiB,
  MiB,
  openFallbackPage,
  recordSha,
  waitForDownloaded,
  waitForStatus,
} from '../support/fallback';

/**
 * The fallback's reports are ordered by a count of the run (report-order.ts), not by the wall clock: a clock that
 * steps back mid-download (a time sync; pages/fallback/stepped-clock.ts does it to the engine's worker) neither
 * freezes the progress nor drops the settled snapshot.
 */

test('the wall clock steps back an hour mid-download: the progress goes on and the result settles', async ({
  browser,
  scope,
}) => {
  const file = { name: 'clock.bin', size: 3 * MiB };
  const url = scope.fileUrl(file, { throttle: MiB });
  const page = await openFallbackPage(browser, scope, { steppedClock: true });
  await page.evaluate((url) => window.fallback.fetch('clock', [url]), url);
  await waitForDownloaded(page, 'clock', 256 * KiB);

  await page.evaluate(() => window.fallback.stepClockBack(3_600_000));
  const stepped = (await page.evaluate(() => window.fallback.snapshot('clock')))!.downloaded;
  await waitForDownloaded(page, 'clock', stepped + 512 * KiB);
  await waitForStatus(page, 'clock', 'success');
  expect(await page.evaluate(() => window.fallback.snapshot('clock'))).toMatchObject({
    result: 'success',
    downloaded: file.size,
  });
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
});
