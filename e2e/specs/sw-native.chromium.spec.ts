import { expect, test } from '../harness/fixtures';
import { sriOf } from '../support/sri';
import {
  EPISODE_FILES,
  expectAfter404,
  expectCached,
  expectProbe,
  KiB,
  MiB,
  openSwPage,
  waitForStatus,
} from './sw-driver';

/**
 * @bgfetch/sw's handlers on Chromium's native Background Fetch: the browser fires the events in a real service
 * worker, the kit's handlers store and verify the records and post the outcome that settles the core store
 * (forced `native` engine, which does not trust a native success by itself).
 */

/** The first native fetch of a browser waits 2–4 s before its first request. */
const settled = 40_000;

for (const pageName of ['sw', 'sw-workbox']) {
  test(`${pageName}: after success the cache holds every record, byte-exact, and the store settles on the verdict`, async ({
    browser,
    scope,
  }) => {
    const urls = EPISODE_FILES.map((file) => scope.fileUrl(file));
    const page = await openSwPage(browser, scope, { pageName });
    await page.evaluate((urls) => window.swKit.fetch('episode', urls, { title: 'Episode' }), urls);

    await waitForStatus(page, 'episode', 'success', settled);
    expect(await page.evaluate(() => window.swKit.snapshot('episode'))).toMatchObject({
      engine: 'native',
      result: 'success',
      failureReason: '',
      recordsAvailable: false,
    });
    await expectCached(page, scope, EPISODE_FILES, urls);
    // Chromium's matchAll() gives the records in the order they finished; the index keeps the requests' order.
    const found = await page.evaluate(() => window.swKit.fetchResponses('episode'));
    expect([...found].sort()).toEqual([...urls].sort());
    expect(found).toEqual(urls);
    // The download UI names the fetch by the title it was started with.
    const stored = await page.evaluate(() => window.swKit.storedFetch('episode'));
    expect(stored?.outcome).toMatchObject({ engine: 'native', ui: { title: 'Episode is ready' } });
  });
}

test('getFetchResponses keeps the order of the requests, not the order the records finished in', async ({
  browser,
  scope,
}) => {
  // The first request finishes last: throttled, and bigger.
  const urls = [
    scope.fileUrl({ name: 'slow.bin', size: 512 * KiB }, { throttle: 512 * KiB }),
    scope.fileUrl({ name: 'quick.bin', size: 4 * KiB }),
  ];
  const page = await openSwPage(browser, scope);
  await page.evaluate((urls) => window.swKit.fetch('ordered', urls), urls);
  await waitForStatus(page, 'ordered', 'success', settled);
  expect(await page.evaluate(() => window.swKit.fetchResponses('ordered'))).toEqual(urls);
});

test('a re-download whose integrity does not hold fails and keeps the first good copy, still listed', async ({
  browser,
  scope,
}) => {
  const file = { name: 'keep.bin', size: 600 * KiB };
  const url = scope.fileUrl(file);
  const page = await openSwPage(browser, scope);
  await page.evaluate((url) => window.swKit.fetch('keep', [url], { title: 'Keep' }), url);
  await waitForStatus(page, 'keep', 'success', settled);
  await expectCached(page, scope, [file], [url]);

  // Chromium hands the service worker records whose requests lost their integrity: the kit checks it all the same.
  const wrong = await sriOf(scope.fileUrl({ name: 'other.bin', size: KiB }), 'sha256');
  await page.evaluate(({ url, wrong }) => window.swKit.fetch('keep', [{ url, integrity: wrong }]), {
    url,
    wrong,
  });
  await waitForStatus(page, 'keep', 'failure', settled);
  expect((await page.evaluate(() => window.swKit.storedFetch('keep')))?.outcome?.records[0]).toMatchObject({
    url,
    stored: false,
    problem: 'integrity-mismatch',
  });
  await expectCached(page, scope, [file], [url]);
  expect(await page.evaluate(() => window.swKit.fetchResponses('keep'))).toEqual([url]);
});

test('after a 404 the records that arrived are kept and the failed one is named', async ({
  browser,
  scope,
}) => {
  const good = { name: 'good.bin', size: 300 * KiB };
  const goodUrl = scope.fileUrl(good);
  const missingUrl = scope.fileUrl({ name: 'missing.bin', size: KiB }, { status: 404 });
  const page = await openSwPage(browser, scope);
  await page.evaluate((urls) => window.swKit.fetch('half', urls), [goodUrl, missingUrl]);

  await waitForStatus(page, 'half', 'failure', settled);
  expect(await page.evaluate(() => window.swKit.snapshot('half'))).toMatchObject({
    failureReason: 'bad-status',
  });
  // The failure settles the store at once; the handler's outcome follows.
  await page.waitForFunction(async () => (await window.swKit.storedFetch('half'))?.outcome !== undefined);
  await expectAfter404(page, scope, 'half', { file: good, url: goodUrl }, missingUrl);
  // The outcome gives each request its status: the native engine alone cannot tell it.
  await page.waitForFunction(() =>
    window.swKit.snapshot('half')?.requests.some(({ status }) => status !== null),
  );
  expect(await page.evaluate(() => window.swKit.snapshot('half')?.requests)).toMatchObject([
    { url: goodUrl, status: 200 },
    { url: missingUrl, status: 404 },
  ]);
});

test('after an abort nothing partial remains', async ({ browser, scope }) => {
  const file = { name: 'abort.bin', size: 8 * MiB };
  const url = scope.fileUrl(file, { throttle: 512 * KiB });
  const page = await openSwPage(browser, scope);
  await page.evaluate((url) => window.swKit.fetch('cancelled', [url]), url);
  await page.waitForFunction(() => (window.swKit.snapshot('cancelled')?.downloaded ?? 0) > 0, undefined, {
    timeout: settled,
  });

  expect(await page.evaluate(() => window.swKit.abort('cancelled'))).toBe(true);
  await page.waitForFunction(
    async () => (await window.swKit.storedFetch('cancelled'))?.outcome !== undefined,
    {
      timeout: 20_000,
    },
  );
  expect(
    (await page.evaluate(() => window.swKit.storedFetch('cancelled')))?.outcome?.registration,
  ).toMatchObject({
    result: 'failure',
    failureReason: 'aborted',
  });
  expect(await page.evaluate((url) => window.swKit.cached(url), url)).toBeNull();
  expect(await page.evaluate(() => window.swKit.fetchResponses('cancelled'))).toEqual([]);
});

test('updateUI works once: a second call throws InvalidStateError', async ({ browser, scope }) => {
  const page = await openSwPage(browser, scope);
  await page.evaluate(
    (url) => window.swKit.fetch('probe-twice', [url]),
    scope.fileUrl({ name: 'twice.bin', size: 10 * KiB }),
  );
  await expectProbe(page, 'probe-twice', settled);
});

test('updateUI after waitUntil settled throws InvalidStateError; recordsAvailable is false after the handler', async ({
  browser,
  scope,
}) => {
  const page = await openSwPage(browser, scope);
  await page.evaluate(
    (url) => window.swKit.fetch('probe-late', [url]),
    scope.fileUrl({ name: 'late.bin', size: KiB }, { status: 404 }),
  );
  await expectProbe(page, 'probe-late', settled);
});

test('a page closed during the download and reopened after success shows success from the store', async ({
  browser,
  scope,
}) => {
  test.setTimeout(90_000);
  const file = { name: 'closed.bin', size: 2 * MiB };
  const url = scope.fileUrl(file, { throttle: MiB });
  const first = await openSwPage(browser, scope);
  await first.evaluate((url) => window.swKit.fetch('closed', [url]), url);
  await first.waitForFunction(() => (window.swKit.snapshot('closed')?.downloaded ?? 0) > 0, undefined, {
    timeout: settled,
  });
  await first.close();

  // The download ends with no page of the app open: the success handler runs alone. A page outside the worker's
  // scope (not a client of it) watches Cache Storage for the outcome the handler keeps. Measured here: with the
  // app's pages closed, Chromium fires the event about 30 s after the last byte.
  const watcher = await browser.newPage();
  await watcher.goto(new URL('/blank/', scope.base).href);
  await watcher.waitForFunction(
    async () => {
      const entry = await (await caches.open('bgfetch:records')).match('/__bgfetch/fetches/closed');
      return entry !== undefined && (await entry.json()).outcome !== undefined;
    },
    undefined,
    { timeout: 50_000 },
  );
  await watcher.close();

  // Reopened after success: the store shows it as soon as the page has started, from the kept outcome.
  const second = await openSwPage(browser, scope);
  expect(await second.evaluate(() => window.swKit.snapshot('closed'))).toMatchObject({
    engine: 'native',
    status: 'success',
    result: 'success',
  });
  await expectCached(second, scope, [file], [url]);
});

test('accept: an answer of another content type is not landed, the good copy stays, the reason reaches the page', async ({
  browser,
  scope,
}) => {
  const url = `${scope.base}/media/accept-native.wav?seconds=1`;
  const accept = { contentTypes: ['audio/*'] };
  const page = await openSwPage(browser, scope);
  await page.evaluate(({ url, accept }) => window.swKit.fetch('ep', [url], { accept }), { url, accept });
  await waitForStatus(page, 'ep', 'success', settled);
  const good = await page.evaluate((url) => window.swKit.cached(url), url);
  expect(good?.bytes).toBeGreaterThan(KiB);

  // The same URL now answers 200 with a short text instead of the audio: the browser calls it a success.
  scope.setKnobs('accept-native.wav', { status: 200 });
  await page.evaluate(({ url, accept }) => window.swKit.fetch('ep', [url], { accept }), { url, accept });
  await waitForStatus(page, 'ep', 'failure', settled);
  expect(await page.evaluate(() => window.swKit.snapshot('ep'))).toMatchObject({
    failureReason: 'fetch-error',
    requests: [{ url, status: 200, refused: expect.stringMatching(/Content-Type text\/plain/) }],
  });
  const stored = await page.evaluate(() => window.swKit.storedFetch('ep'));
  expect(stored?.outcome?.records).toMatchObject([
    { url, status: 200, stored: false, problem: 'unaccepted' },
  ]);
  expect(stored?.urls).toEqual([url]);
  expect(await page.evaluate((url) => window.swKit.cached(url), url)).toEqual(good);
});

test("a later fetch of the id on the fallback is checked against its own accept, not the native run's before it", async ({
  browser,
  scope,
}) => {
  const audio = `${scope.base}/media/accept-then.wav?seconds=1`;
  const native = await openSwPage(browser, scope);
  await native.evaluate(
    (url) => window.swKit.fetch('ep', [url], { accept: { contentTypes: ['audio/*'] } }),
    audio,
  );
  await waitForStatus(native, 'ep', 'success', settled);
  await native.close();

  // The same id again, now on the fallback and for a file that is no audio, with no accept of its own.
  const file = { name: 'then.bin', size: 64 * KiB };
  const url = scope.fileUrl(file);
  const fallback = await openSwPage(browser, scope, { removeNative: true, fallbackEngine: true });
  await fallback.evaluate((url) => window.swKit.fetch('ep', [url]), url);
  await waitForStatus(fallback, 'ep', 'success', settled);
  expect((await fallback.evaluate((url) => window.swKit.cached(url), url))?.bytes).toBe(file.size);
});

test('without downloadTotal the requests learn their lengths from a HEAD, and "saving" shows between the last byte and the verdict', async ({
  browser,
  scope,
}) => {
  const urls = EPISODE_FILES.map((file) => scope.fileUrl(file));
  const page = await openSwPage(browser, scope);
  await page.evaluate((urls) => window.swKit.fetch('readable', urls), urls);
  await waitForStatus(page, 'readable', 'success', settled);

  const history = await page.evaluate(() => window.swKit.history('readable'));
  // The bar's total: every request's length, though the app gave none (the spec's downloadTotal stays 0).
  const sizes = EPISODE_FILES.map((file) => file.size);
  const learnt = history.find((snapshot) =>
    snapshot.requests.every((request) => request.downloadTotal !== null),
  );
  expect(learnt?.requests.map((request) => request.downloadTotal)).toEqual(sizes);
  expect(learnt?.downloadTotal).toBe(0);
  expect((await scope.settled()).filter((entry) => entry.method === 'HEAD')).toHaveLength(urls.length);
  // Saving, with no result yet, then the verdict; never back to fetching.
  const statuses = history
    .map((snapshot) => snapshot.status)
    .filter((status, at, all) => status !== all[at - 1]);
  expect(statuses.slice(-2)).toEqual(['saving', 'success']);
  expect(history.find((snapshot) => snapshot.status === 'saving')).toMatchObject({ result: '' });
});
