import { expect, test } from '../harness/fixtures';

/**
 * The React quick start in every engine: `<BackgroundFetchProvider>` with no options, or with
 * `serviceWorker: navigator.serviceWorker.ready` on a page that registers no worker, downloads on a click — the
 * fallback is part of the default, and nothing waits for the missing worker.
 */

for (const withReady of [false, true]) {
  test(`<BackgroundFetchProvider ${withReady ? 'options={{ serviceWorker: ready }}' : 'with no options'}>: a DownloadButton click downloads the file`, async ({
    browser,
    scope,
  }) => {
    const file = { name: `provider-${withReady}.bin`, size: 150 * 1024 };
    const url = scope.fileUrl(file);
    const page = await browser.newPage();
    await page.goto(new URL('/react-provider/', scope.base).href);
    await page.waitForFunction(() => window.reactProvider !== undefined, undefined, { timeout: 30_000 });
    await page.evaluate(({ url, withReady }) => window.reactProvider.render(url, withReady), {
      url,
      withReady,
    });
    await page.waitForFunction(() => window.reactProvider.state() === 'idle');
    await page.evaluate(() => window.reactProvider.clickDownload());
    await page.waitForFunction(
      () => window.reactProvider.state() === 'success' || window.reactProvider.errors().length > 0,
      undefined,
      { timeout: 30_000 },
    );
    expect(await page.evaluate(() => window.reactProvider.errors())).toEqual([]);
    expect(await page.evaluate((url) => window.reactProvider.recordBytes(url), url)).toBe(file.size);
  });
}
