import { expect, test } from '../harness/fixtures';

/**
 * A failed download says why in words a person can act on: a 404 names its status and URL in `<FetchStatus>`, and
 * the snapshot's request carries the status (the React quick start: no service worker, so the fallback runs it in
 * every engine; the native engine's status comes with its outcome, sw-native.chromium.spec.ts).
 */

test('a 404: FetchStatus reads "Download failed: 404 for <url>" and the request shows status 404', async ({
  browser,
  scope,
}) => {
  const url = scope.fileUrl({ name: 'ep.mp3', size: 10 * 1024 }, { status: 404 });
  const page = await browser.newPage();
  await page.goto(new URL('/react-provider/', scope.base).href);
  await page.waitForFunction(() => window.reactProvider !== undefined, undefined, { timeout: 30_000 });
  await page.evaluate((url) => window.reactProvider.render(url, false), url);
  await page.waitForFunction(() => window.reactProvider.state() === 'idle');
  await page.evaluate(() => window.reactProvider.clickDownload());
  await page.waitForFunction(() => window.reactProvider.snapshot()?.status === 'failure', undefined, {
    timeout: 30_000,
  });
  expect(await page.evaluate(() => window.reactProvider.snapshot())).toMatchObject({
    failureReason: 'bad-status',
    requests: [{ url, status: 404 }],
  });
  await page.waitForFunction(() => window.reactProvider.statusText()?.includes('404') === true);
  expect(await page.evaluate(() => window.reactProvider.statusText())).toBe(
    `Download failed: 404 for ${url}`,
  );
});
