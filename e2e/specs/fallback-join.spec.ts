import { expect, test } from '../harness/fixtures';
import { KiB, MiB, openFallbackPage, requestLog, TEST_ENGINE, waitForDownloaded } from '../support/fallback';

/**
 * A job's lock is let go only once every one of its request loops is over (runner.ts `joinRuns`): when one throws
 * (here IndexedDB refuses every write: a newer version of the app holds the database), the others stop first, so no
 * runner downloads a job another tab may already run.
 */

test('one request loop throwing stops the others before the lock goes: no request after it', async ({
  browser,
  scope,
}) => {
  const refused = scope.fileUrl({ name: 'refused.bin', size: 64 * KiB }, { status: 503, failTimes: 10_000 });
  const slow = { name: 'slow.bin', size: 16 * MiB };
  const slowUrl = scope.fileUrl(slow, { throttle: 256 * KiB });
  // A budget that lasts a few seconds for the 503s, and more than the test for the slow file's failed commits.
  const engine = { ...TEST_ENGINE, retry: { attempts: 30, baseDelayMs: 100, maxDelayMs: 100, jitter: 0 } };
  const page = await openFallbackPage(browser, scope, { engine });
  await page.evaluate((urls) => window.fallback.fetch('joined', urls), [refused, slowUrl]);
  await waitForDownloaded(page, 'joined', 1);
  await page.evaluate(() => window.fallback.holdNewerDatabase());

  await page.waitForFunction(
    async () => !(await window.fallback.heldLocks()).includes('bgfetch:job:joined'),
    undefined,
    { timeout: 30_000 },
  );
  const released = Date.now();
  // Nothing marks "no more requests": give the slow file's loop the time of a few more attempts (each ends at its
  // next commit, a second at this pace), then look at what the server saw.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const late = (await requestLog(scope)).filter(
    (entry) => entry.url.includes('slow.bin') && entry.startedAt > released,
  );
  expect(late).toEqual([]);
});
