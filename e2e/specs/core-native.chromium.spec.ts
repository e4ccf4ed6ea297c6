import { expect, test } from '../harness/fixtures';
import type { BrowserSession, TestPage } from '../harness/session';
import type { TestScope } from '../server/types';
import { badFetchInputs } from '../support/bad-input';

/**
 * @bgfetch/core on Chromium's native Background Fetch, against the media server. Chromium only: the other engines
 * have no native API (their runs of the kit go through the fallback engine's specs).
 */

const KiB = 1024;
const MiB = 1024 * KiB;
/** The first native fetch of a browser waits 2–4 s before its first request; a throttled file then takes seconds. */
const settleTimeout = { timeout: 40_000 };

async function openPage(browser: BrowserSession, scope: TestScope): Promise<TestPage> {
  const page = await browser.newPage();
  await page.goto(new URL('/core-native/', scope.base).href);
  await page.evaluate(() => window.coreNative.start());
  return page;
}

function waitForStatus(page: TestPage, id: string, status: string) {
  return page.waitForFunction(
    ({ id, status }) => window.coreNative.snapshot(id)?.status === status,
    { id, status },
    settleTimeout,
  );
}

function waitForDownloaded(page: TestPage, id: string, moreThan: number) {
  return page.waitForFunction(
    ({ id, moreThan }) => (window.coreNative.snapshot(id)?.downloaded ?? 0) > moreThan,
    { id, moreThan },
    settleTimeout,
  );
}

test('progress grows in the store up to the total, then the fetch succeeds', async ({ browser, scope }) => {
  const file = { name: 'progress.bin', size: 4 * MiB };
  const page = await openPage(browser, scope);
  const first = await page.evaluate(
    ({ url, size }) => window.coreNative.fetch('progress', [url], { title: 'Progress', downloadTotal: size }),
    { url: scope.fileUrl(file, { throttle: MiB }), size: file.size },
  );
  // conformance rule 6: a fresh registration's figures.
  expect(first).toMatchObject({
    id: 'progress',
    engine: 'native',
    title: 'Progress',
    uploadTotal: 0,
    uploaded: 0,
    downloadTotal: file.size,
    result: '',
    failureReason: '',
    recordsAvailable: true,
  });
  expect(['pending', 'fetching']).toContain(first.status);

  await waitForStatus(page, 'progress', 'success');
  const history = await page.evaluate(() => window.coreNative.history('progress'));
  const downloaded = history.map((snapshot) => snapshot.downloaded);
  expect(downloaded).toEqual([...downloaded].sort((a, b) => a - b));
  expect(downloaded.filter((bytes) => bytes > 0 && bytes < file.size).length).toBeGreaterThan(1);
  expect(history.at(-1)).toMatchObject({ result: 'success', failureReason: '', downloaded: file.size });
  expect(await page.evaluate(() => window.coreNative.nativeIds())).toEqual([]);
});

test('abort() settles the fetch as aborted, once', async ({ browser, scope }) => {
  const file = { name: 'abort.bin', size: 8 * MiB };
  const page = await openPage(browser, scope);
  await page.evaluate(
    (url) => window.coreNative.fetch('abort-me', [url]),
    scope.fileUrl(file, { throttle: 512 * KiB }),
  );
  await waitForDownloaded(page, 'abort-me', 0);

  expect(await page.evaluate(() => window.coreNative.abort('abort-me'))).toBe(true);
  expect(await page.evaluate(() => window.coreNative.snapshot('abort-me'))).toMatchObject({
    status: 'aborted',
    result: 'failure',
    failureReason: 'aborted',
  });
  expect(await page.evaluate(() => window.coreNative.abort('abort-me'))).toBe(false);
  await page.waitForFunction(async () => (await window.coreNative.nativeIds()).length === 0);
});

test('a 404 fails the fetch with bad-status', async ({ browser, scope }) => {
  const page = await openPage(browser, scope);
  await page.evaluate(
    (url) => window.coreNative.fetch('missing', [url]),
    scope.fileUrl({ name: 'missing.bin', size: MiB }, { status: 404 }),
  );
  await waitForStatus(page, 'missing', 'failure');
  expect(await page.evaluate(() => window.coreNative.snapshot('missing'))).toMatchObject({
    result: 'failure',
    failureReason: 'bad-status',
  });
});

test('more bytes than downloadTotal fail the fetch with download-total-exceeded', async ({
  browser,
  scope,
}) => {
  const page = await openPage(browser, scope);
  await page.evaluate(
    (url) => window.coreNative.fetch('too-big', [url], { downloadTotal: 1000 }),
    scope.fileUrl({ name: 'too-big.bin', size: MiB }),
  );
  await waitForStatus(page, 'too-big', 'failure');
  expect(await page.evaluate(() => window.coreNative.snapshot('too-big'))).toMatchObject({
    result: 'failure',
    failureReason: 'download-total-exceeded',
  });
});

test('a reload mid-download rehydrates the running fetch, which keeps growing and succeeds', async ({
  browser,
  scope,
}) => {
  // Measured here: after a reload, Chromium freezes the figures of a running fetch for about 30 s (its bytes keep
  // coming), then reports again. The file must still be downloading after that: ~43 s at 384 KiB/s.
  test.setTimeout(120_000);
  const afterFreeze = { timeout: 70_000 };
  const file = { name: 'reload.bin', size: 16 * MiB };
  const url = scope.fileUrl(file, { throttle: 384 * KiB });
  const page = await openPage(browser, scope);
  await page.evaluate(
    ({ url, size }) => window.coreNative.fetch('reloaded', [url], { title: 'Reloaded', downloadTotal: size }),
    { url, size: file.size },
  );
  await waitForDownloaded(page, 'reloaded', 0);

  await page.reload();
  await page.evaluate(() => window.coreNative.start());
  const rehydrated = await page.evaluate(() => window.coreNative.snapshot('reloaded'));
  expect(rehydrated).toMatchObject({
    id: 'reloaded',
    engine: 'native',
    status: 'fetching',
    result: '',
    downloadTotal: file.size,
    // The native API does not expose the title: a rehydrated snapshot says so rather than inventing one.
    title: '',
  });
  expect(rehydrated?.requests.map((request) => request.url)).toEqual([url]);

  await page.waitForFunction(
    ({ from }) => {
      const growing = window.coreNative
        .history('reloaded')
        .filter((snapshot) => snapshot.status === 'fetching');
      return growing.filter((snapshot) => snapshot.downloaded > from).length >= 2;
    },
    { from: rehydrated?.downloaded ?? 0 },
    afterFreeze,
  );
  await page.waitForFunction(
    () => window.coreNative.snapshot('reloaded')?.status === 'success',
    undefined,
    afterFreeze,
  );
  expect(await page.evaluate(() => window.coreNative.snapshot('reloaded'))).toMatchObject({
    result: 'success',
    downloaded: file.size,
  });
});

test('two fetches at once both reach the store and both succeed', async ({ browser, scope }) => {
  const page = await openPage(browser, scope);
  const urls = [
    scope.fileUrl({ name: 'one.bin', size: MiB }, { throttle: MiB }),
    scope.fileUrl({ name: 'two.bin', size: MiB }, { throttle: MiB }),
  ];
  const firsts = await page.evaluate(
    ([one, two]) =>
      Promise.all([window.coreNative.fetch('one', [one!]), window.coreNative.fetch('two', [two!])]),
    urls,
  );
  expect(firsts.map((snapshot) => snapshot.id)).toEqual(['one', 'two']);
  expect((await page.evaluate(() => window.coreNative.storeIds())).sort()).toEqual(['one', 'two']);
  await waitForStatus(page, 'one', 'success');
  await waitForStatus(page, 'two', 'success');
});

test('a duplicate active id rejects with TypeError and changes nothing', async ({ browser, scope }) => {
  const file = { name: 'first.bin', size: 8 * MiB };
  const page = await openPage(browser, scope);
  const url = scope.fileUrl(file, { throttle: 512 * KiB });
  await page.evaluate((url) => window.coreNative.fetch('dup', [url]), url);

  await expect(
    page.evaluate(
      (other) => window.coreNative.fetch('dup', [other]),
      scope.fileUrl({ name: 'second.bin', size: MiB }),
    ),
  ).rejects.toThrow('TypeError: bgfetch: a fetch with the id "dup" is already active');

  expect(await page.evaluate(() => window.coreNative.storeIds())).toEqual(['dup']);
  expect(
    await page.evaluate(() => window.coreNative.snapshot('dup')?.requests.map((request) => request.url)),
  ).toEqual([url]);
  expect(await page.evaluate(() => window.coreNative.nativeIds())).toEqual(['dup']);
  expect(scope.log().filter((entry) => entry.url.includes('second.bin'))).toEqual([]);
});

test('bad input rejects with the spec error before Chromium sees it, and the page carries on', async ({
  browser,
  scope,
}) => {
  const page = await openPage(browser, scope);
  const file = scope.fileUrl({ name: 'valid.bin', size: KiB });
  for (const { id, urls, options, error } of badFetchInputs(file)) {
    await expect(
      page.evaluate(({ id, urls, options }) => window.coreNative.fetch(id, urls, options), {
        id,
        urls,
        options,
      }),
    ).rejects.toThrow(error);
  }
  await expect(
    page.evaluate(
      (url) => window.coreNative.fetch('huge', [url], { downloadTotal: Number.MAX_SAFE_INTEGER }),
      file,
    ),
  ).rejects.toThrow(/QuotaExceededError: bgfetch: downloadTotal 9007199254740991 bytes does not fit/);

  expect(await page.evaluate(() => window.coreNative.storeIds())).toEqual([]);
  expect(await page.evaluate(() => window.coreNative.nativeIds())).toEqual([]);
  expect(scope.log()).toEqual([]);
  await page.evaluate((url) => window.coreNative.fetch('valid', [url]), file);
  await waitForStatus(page, 'valid', 'success');
});
