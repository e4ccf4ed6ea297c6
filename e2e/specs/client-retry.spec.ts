import { expect, test } from '../harness/fixtures';
import { openClientPage, waitForReady, waitForStatus } from '../support/client';

/**
 * `client.retry(id)` starts a settled fetch again with the requests and options it was started with — kept by
 * core in IndexedDB, so a reload (or another tab) can retry what no snapshot describes: `integrity`, headers, title.
 */

const KiB = 1024;

test('a failed download is retried after a reload with its original requests and title', async ({
  browser,
  scope,
}) => {
  const file = { name: 'retry.bin', size: 180 * KiB };
  const integrity = `sha256-${Buffer.from(await scope.sha256(file), 'hex').toString('base64')}`;
  // The first answer is a 404 (bad-status); the server has the file from then on.
  const url = scope.fileUrl(file, { status: 404, failTimes: 1 });
  const page = await openClientPage(browser, scope, { serviceWorker: 'none' });
  expect(await waitForReady(page)).toBe('ready');
  await page.evaluate(
    ({ url, integrity }) => window.client.fetch('ep', [url], { title: 'Episode 7', integrity }),
    {
      url,
      integrity,
    },
  );
  await waitForStatus(page, 'ep', 'failure');
  expect(await page.evaluate(() => window.client.storeClient().retryable)).toEqual(['ep']);

  await page.reload();
  await page.waitForFunction(() => window.client !== undefined, undefined, { timeout: 30_000 });
  await page.evaluate(() => window.client.create({ serviceWorker: 'none' }));
  expect(await waitForReady(page)).toBe('ready');
  expect(await page.evaluate(() => window.client.storeClient().retryable)).toEqual(['ep']);
  expect(await page.evaluate(() => window.client.retry('ep'))).toMatchObject({
    id: 'ep',
    title: 'Episode 7',
  });
  await waitForStatus(page, 'ep', 'success');
  expect(await page.evaluate((url) => window.client.recordBytes(url), url)).toBe(file.size);
});

test("a retry keeps the request's integrity: a file that fails it fails again", async ({
  browser,
  scope,
}) => {
  const file = { name: 'retry-integrity.bin', size: 90 * KiB };
  const url = scope.fileUrl(file);
  const wrong = `sha256-${Buffer.alloc(32).toString('base64')}`;
  const page = await openClientPage(browser, scope, { serviceWorker: 'none' });
  expect(await waitForReady(page)).toBe('ready');
  await page.evaluate(({ url, wrong }) => window.client.fetch('ep', [url], { integrity: wrong }), {
    url,
    wrong,
  });
  await waitForStatus(page, 'ep', 'failure');
  await page.evaluate(() => window.client.retry('ep'));
  await waitForStatus(page, 'ep', 'failure');
  expect(await page.evaluate(() => window.client.snapshot('ep')?.failureReason)).toBe('fetch-error');
  expect(await page.evaluate((url) => window.client.recordBytes(url), url)).toBeNull();
});

test('retry of an id never started on this origin rejects NotSupportedError', async ({ browser, scope }) => {
  const page = await openClientPage(browser, scope, { serviceWorker: 'none' });
  expect(await waitForReady(page)).toBe('ready');
  const error = await page.evaluate(() =>
    window.client.retry('never').then(
      () => 'resolved',
      (error: unknown) => (error instanceof Error ? error.name : String(error)),
    ),
  );
  expect(error).toBe('NotSupportedError');
});
