/**
 * conformance rule 18 for the fallback engine, shared by the per-engine specs (fallback-quota.<engine>.spec.ts): each
 * gives the origin a quota it can fill in a test — WebKit its own (about 1 GiB), Firefox and Chromium a small one set
 * the way each browser allows — and this downloads a file through the kit's client that fills it.
 */
import { expect, test } from '../harness/fixtures';
import type { BrowserSession } from '../harness/session';
import type { TestScope } from '../server/types';
import { DEFAULT_RECORDS, MiB, openFallbackPage, recordSha, TEST_ENGINE } from './fallback';

/** The engine's default chunk: the quota is reached in big writes, as it is in the field. */
const CHUNK = 8 * MiB;

/** Generous: WebKit fills its 1 GiB in 25–70 s on the shared 2-core machine. */
const QUOTA_TEST_TIMEOUT = 240_000;

/**
 * Which write finds the storage full: a chunk while `download`ing (the file is bigger than the quota), or the
 * `record` the page-side default handler writes from the chunks (the file fits once, not twice).
 */
const STAGES = {
  download: (quota: number) => quota + 2 * CHUNK,
  record: (quota: number) => Math.round(quota * 0.6),
} as const;

type Stage = keyof typeof STAGES;

/**
 * One test per stage: `prepare` gives the origin a quota it can fill (and says what it is when `estimate()` does not
 * show it), then the download fills it.
 */
export function quotaTests(
  prepare: (browser: BrowserSession, scope: TestScope) => Promise<number | undefined>,
) {
  for (const stage of Object.keys(STAGES) as Stage[]) {
    test(`storage full at the ${stage} write: failure / quota-exceeded, settled, every byte removed`, async ({
      browser,
      scope,
    }) => {
      test.setTimeout(QUOTA_TEST_TIMEOUT);
      await expectQuotaExceeded(browser, scope, stage, await prepare(browser, scope));
    });
  }
}

/**
 * Downloads a file that fills the origin's quota at `stage` (no `downloadTotal`, so nothing is refused up front) and
 * expects the job to end with `quota-exceeded`, settled, with none of its bytes left: no chunk, no IndexedDB job, no
 * record. `quota` defaults to what `navigator.storage.estimate()` says (Chromium's does not show a CDP override).
 */
async function expectQuotaExceeded(browser: BrowserSession, scope: TestScope, stage: Stage, quota?: number) {
  const page = await openFallbackPage(browser, scope, { engine: { ...TEST_ENGINE, chunkSize: CHUNK } });
  const limit = quota ?? (await page.evaluate(() => window.fallback.estimate()))?.quota ?? 0;
  expect(limit).toBeGreaterThan(0);
  const url = scope.fileUrl({ name: 'fills-the-quota.bin', size: STAGES[stage](limit) });
  await page.evaluate((url) => window.fallback.fetch('fills', [url]), url);
  // The store settles: a write that failed or never settled ends the job, it does not hang it.
  await page.waitForFunction(() => window.fallback.snapshot('fills')?.recordsAvailable === false, undefined, {
    timeout: QUOTA_TEST_TIMEOUT - 30_000,
  });
  expect(await page.evaluate(() => window.fallback.snapshot('fills'))).toMatchObject({
    result: 'failure',
    failureReason: 'quota-exceeded',
    status: 'failure',
  });
  // Every stored byte of the failed job is gone (the chunk cache itself may stay, empty), and no record was made.
  expect(await page.evaluate(() => window.fallback.storage())).toMatchObject({
    chunks: 0,
    files: 0,
    jobs: [],
  });
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBeUndefined();
  // The engine stopped downloading: every request of the file has ended on the server (the browser may have read
  // the rest of the body ahead into its buffers, so the bytes sent say nothing).
  expect((await scope.settled()).length).toBeGreaterThan(0);
}
