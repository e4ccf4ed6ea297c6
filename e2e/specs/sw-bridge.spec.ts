import { expect, test } from '../harness/fixtures';
import type { BrowserSession, TestPage } from '../harness/session';
import type { BridgeJob } from '../pages/sw/api';
import type { TestScope } from '../server/types';
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
 * @bgfetch/sw's bridge, in a real service worker of every engine (Chromium with its Background Fetch API removed):
 * the page plays the fallback engine's part — it stores a job's bodies as chunks in FALLBACK_CHUNK_CACHE and posts
 * the `BridgeDispatchMessage` — and the service worker runs the kit's default handlers on the bridged events.
 * `sw-workbox` is the same page with a service worker built on Workbox routes plus the kit's handlers. The last test
 * goes through core's real fallback engine.
 */

const settled = 20_000;

const openPage = (browser: BrowserSession, scope: TestScope, pageName = 'sw') =>
  openSwPage(browser, scope, { pageName, removeNative: true });

const dispatch = (page: TestPage, job: BridgeJob) => page.evaluate((job) => window.swKit.dispatch(job), job);

for (const pageName of ['sw', 'sw-workbox']) {
  test(`${pageName}: after success the cache holds every record, byte-exact, and the store settles`, async ({
    browser,
    scope,
  }) => {
    const urls = EPISODE_FILES.map((file) => scope.fileUrl(file));
    const page = await openPage(browser, scope, pageName);
    const done = await dispatch(page, {
      event: 'backgroundfetchsuccess',
      id: 'episode',
      files: urls.map((url) => ({ url, chunkSize: MiB })),
    });
    expect(done).toEqual({ type: 'bgfetch:dispatched', ok: true });

    await expectCached(page, scope, EPISODE_FILES, urls);
    await waitForStatus(page, 'episode', 'success', settled);
    expect(await page.evaluate(() => window.swKit.snapshot('episode'))).toMatchObject({
      engine: 'fallback',
      result: 'success',
      failureReason: '',
      recordsAvailable: false,
    });
    expect(await page.evaluate(() => window.swKit.fetchResponses('episode'))).toEqual(urls);
    const told = await page.evaluate(() => window.swKit.told());
    expect(told.map((message) => message.via).sort()).toEqual(['channel', 'postMessage']);
    expect(told[0]?.outcome).toMatchObject({
      engine: 'fallback',
      ui: { title: 'episode is ready' },
      records: EPISODE_FILES.map((file, index) => ({
        url: urls[index],
        status: 200,
        bytes: file.size,
        stored: true,
      })),
    });
    expect(await page.evaluate(() => window.swKit.chunkKeys())).toEqual([]);

    if (pageName === 'sw-workbox') {
      // Workbox's route serves the stored file: the server sees no new request for it.
      const requests = (await scope.settled()).length;
      const served = await page.evaluate(
        async (url) => (await (await fetch(url)).arrayBuffer()).byteLength,
        urls[0]!,
      );
      expect(served).toBe(EPISODE_FILES[0]!.size);
      expect((await scope.settled()).length).toBe(requests);
    }
  });
}

test('after a 404 the records that arrived are kept and the failed one is named', async ({
  browser,
  scope,
}) => {
  const good = { name: 'good.bin', size: 300 * KiB };
  const goodUrl = scope.fileUrl(good);
  const missingUrl = scope.fileUrl({ name: 'missing.bin', size: KiB }, { status: 404 });
  const page = await openPage(browser, scope);
  const done = await dispatch(page, {
    event: 'backgroundfetchfail',
    id: 'half',
    files: [{ url: goodUrl }, { url: missingUrl }],
  });
  expect(done).toEqual({ type: 'bgfetch:dispatched', ok: true });

  await waitForStatus(page, 'half', 'failure', settled);
  expect(await page.evaluate(() => window.swKit.snapshot('half'))).toMatchObject({
    failureReason: 'bad-status',
  });
  await expectAfter404(page, scope, 'half', { file: good, url: goodUrl }, missingUrl);
});

test('a "success" with a truncated record is a fetch-error: the short file is not kept, the whole one is', async ({
  browser,
  scope,
}) => {
  const whole = { name: 'whole.bin', size: 64 * KiB };
  const cut = { name: 'cut.bin', size: MiB };
  const urls = [scope.fileUrl(whole), scope.fileUrl(cut)];
  const page = await openPage(browser, scope);
  await dispatch(page, {
    event: 'backgroundfetchsuccess',
    id: 'truncated',
    files: [{ url: urls[0]! }, { url: urls[1]!, chunkSize: 256 * KiB, keepChunks: 1, claimComplete: true }],
  });

  await waitForStatus(page, 'truncated', 'failure', settled);
  expect(await page.evaluate(() => window.swKit.snapshot('truncated'))).toMatchObject({
    result: 'failure',
    failureReason: 'fetch-error',
  });
  await expectCached(page, scope, [whole], [urls[0]!]);
  expect(await page.evaluate((url) => window.swKit.cached(url), urls[1]!)).toBeNull();
  const records = (await page.evaluate(() => window.swKit.storedFetch('truncated')))?.outcome?.records;
  expect(records?.[1]).toMatchObject({
    url: urls[1],
    stored: false,
    bytes: 256 * KiB,
    problem: 'length-mismatch',
  });
});

test('after an abort nothing partial remains', async ({ browser, scope }) => {
  const urls = [
    scope.fileUrl({ name: 'whole.bin', size: 100 * KiB }),
    scope.fileUrl({ name: 'part.bin', size: MiB }),
  ];
  const page = await openPage(browser, scope);
  const done = await dispatch(page, {
    event: 'backgroundfetchabort',
    id: 'cancelled',
    files: [{ url: urls[0]! }, { url: urls[1]!, chunkSize: 256 * KiB, keepChunks: 2 }],
  });
  expect(done).toEqual({ type: 'bgfetch:dispatched', ok: true });

  await waitForStatus(page, 'cancelled', 'aborted', settled);
  for (const url of urls) expect(await page.evaluate((url) => window.swKit.cached(url), url)).toBeNull();
  expect(await page.evaluate(() => window.swKit.fetchResponses('cancelled'))).toEqual([]);
  expect(await page.evaluate(() => window.swKit.chunkKeys())).toEqual([]);
  expect(
    (await page.evaluate(() => window.swKit.storedFetch('cancelled')))?.outcome?.registration,
  ).toMatchObject({
    result: 'failure',
    failureReason: 'aborted',
  });
});

test('updateUI works once: a second call throws InvalidStateError', async ({ browser, scope }) => {
  const page = await openPage(browser, scope);
  await dispatch(page, {
    event: 'backgroundfetchsuccess',
    id: 'probe-twice',
    files: [{ url: scope.fileUrl({ name: 'twice.bin', size: 10 * KiB }) }],
  });
  await expectProbe(page, 'probe-twice', settled);
});

test('updateUI after waitUntil settled throws InvalidStateError; recordsAvailable is false after the handler', async ({
  browser,
  scope,
}) => {
  const page = await openPage(browser, scope);
  await dispatch(page, {
    event: 'backgroundfetchfail',
    id: 'probe-late',
    files: [{ url: scope.fileUrl({ name: 'late.bin', size: KiB }, { status: 404 }) }],
  });
  await expectProbe(page, 'probe-late', settled);
});

test('a page closed before the handler finished, reopened, shows success from the store', async ({
  browser,
  scope,
}) => {
  const file = { name: 'closed.bin', size: 2 * MiB };
  const url = scope.fileUrl(file);
  const first = await openPage(browser, scope);
  await dispatch(first, { event: 'backgroundfetchsuccess', id: 'closed', files: [{ url }], wait: false });
  await first.close();

  const second = await openPage(browser, scope);
  await waitForStatus(second, 'closed', 'success', settled);
  await expectCached(second, scope, [file], [url]);
});

test("through core's fallback engine: the bridge stores every record byte-exact and settles the store", async ({
  browser,
  scope,
}) => {
  const files = [
    { name: 'engine-episode.bin', size: MiB + 7 },
    { name: 'engine-artwork.bin', size: 20 * KiB },
  ];
  const urls = files.map((file) => scope.fileUrl(file));
  const page = await openSwPage(browser, scope, { removeNative: true, fallbackEngine: true });
  await page.evaluate((urls) => window.swKit.fetch('engine', urls, { title: 'Engine' }), urls);

  await waitForStatus(page, 'engine', 'success', settled);
  // The service worker's handler ran (its outcome reached the page), not the engine's page-side default.
  await page.waitForFunction(() =>
    window.swKit.told().some((told) => told.outcome.registration.id === 'engine'),
  );
  const told = await page.evaluate(() =>
    window.swKit.told().find((told) => told.outcome.registration.id === 'engine'),
  );
  expect(told?.outcome).toMatchObject({ engine: 'fallback', registration: { result: 'success' } });
  await expectCached(page, scope, files, urls);
  await page.waitForFunction(async () => (await window.swKit.chunkKeys()).length === 0);
  // The outcome settled the store while the records were still there; their going still reaches it.
  await page.waitForFunction(() => window.swKit.snapshot('engine')?.recordsAvailable === false);
  expect(await page.evaluate(() => window.swKit.snapshot('engine'))).toMatchObject({ result: 'success' });
});

test('a re-download whose second run is cut keeps the first good copy, and the index keeps it listed', async ({
  browser,
  scope,
}) => {
  const file = { name: 'keep.bin', size: MiB };
  const url = scope.fileUrl(file);
  // The same file under another signed URL, as a CDN gives per run.
  const resigned = `${url}${url.includes('?') ? '&' : '?'}sig=2`;
  const page = await openPage(browser, scope);
  await dispatch(page, { event: 'backgroundfetchsuccess', id: 'keep', files: [{ url }] });
  await expectCached(page, scope, [file], [url]);

  const cut = { chunkSize: 256 * KiB, keepChunks: 1, claimComplete: true };
  await dispatch(page, { event: 'backgroundfetchsuccess', id: 'keep', files: [{ url, ...cut }] });
  await waitForStatus(page, 'keep', 'failure', settled);
  expect((await page.evaluate(() => window.swKit.storedFetch('keep')))?.outcome?.records[0]).toMatchObject({
    url,
    stored: false,
    problem: 'length-mismatch',
  });
  await expectCached(page, scope, [file], [url]);
  expect(await page.evaluate(() => window.swKit.fetchResponses('keep'))).toEqual([url]);

  await dispatch(page, { event: 'backgroundfetchfail', id: 'keep', files: [{ url: resigned, ...cut }] });
  await expectCached(page, scope, [file], [url]);
  expect(await page.evaluate((url) => window.swKit.cached(url), resigned)).toBeNull();
  expect((await page.evaluate(() => window.swKit.storedFetch('keep')))?.urls).toEqual([url]);
});

test('sha384 and sha512 integrity are checked, the strongest algorithm given decides; a mismatch keeps the stored copy', async ({
  browser,
  scope,
}) => {
  const file = { name: 'sri.bin', size: 300 * KiB };
  const url = scope.fileUrl(file);
  const other = scope.fileUrl({ name: 'other.bin', size: 300 * KiB });
  const page = await openPage(browser, scope);
  const run = async (id: string, integrity: string) => {
    await dispatch(page, { event: 'backgroundfetchsuccess', id, files: [{ url, integrity }] });
    await page.waitForFunction(
      (id) => window.swKit.told().some((told) => told.outcome.registration.id === id),
      id,
      { timeout: settled },
    );
    return (await page.evaluate((id) => window.swKit.storedFetch(id), id))?.outcome;
  };

  expect(await run('sha512', await sriOf(url, 'sha512'))).toMatchObject({
    registration: { result: 'success' },
    records: [{ url, stored: true }],
  });
  for (const [id, integrity] of [
    ['sha384', await sriOf(other, 'sha384')],
    ['sha512-wrong', `${await sriOf(url, 'sha384')} ${await sriOf(other, 'sha512')}`],
  ] as const) {
    expect(await run(id, integrity)).toMatchObject({
      registration: { result: 'failure', failureReason: 'fetch-error' },
      records: [{ url, stored: false, problem: 'integrity-mismatch' }],
    });
  }
  await expectCached(page, scope, [file], [url]);
  expect(
    await run('sha384-strongest', `${await sriOf(other, 'sha256')} ${await sriOf(url, 'sha384')}`),
  ).toMatchObject({ registration: { result: 'success' } });
});

test("a late verdict on an earlier run of an id does not settle the id's next run", async ({
  browser,
  scope,
}) => {
  const file = { name: 'again.bin', size: 300 * KiB };
  const page = await openSwPage(browser, scope, { removeNative: true, fallbackEngine: true });
  await page.evaluate((url) => window.swKit.fetch('again', [url]), scope.fileUrl(file));
  await page.waitForFunction(() =>
    window.swKit.told().some((told) => told.outcome.registration.id === 'again'),
  );
  await waitForStatus(page, 'again', 'success', settled);

  // The next run is slow; the first run's verdict comes again meanwhile, as a late delivery would bring it. (The
  // verdict settles the store before the engine has removed the first run: the id is free a moment later.)
  await page.waitForFunction(
    (url) =>
      window.swKit.fetch('again', [url]).then(
        () => true,
        () => false,
      ),
    scope.fileUrl(file, { throttle: 64 * KiB }),
    { timeout: settled },
  );
  const next = await page.evaluate(() => window.swKit.snapshot('again'));
  expect(next?.result).toBe('');
  await page.evaluate(async () => {
    const late = window.swKit.told().find((told) => told.outcome.registration.id === 'again')!.outcome;
    const sender = new BroadcastChannel('bgfetch:outcome');
    const listener = new BroadcastChannel('bgfetch:outcome');
    // Channel messages of one sender arrive in order: once the marker is here, so is the verdict.
    const delivered = new Promise((resolve) => {
      listener.onmessage = (event) => {
        if (event.data === 'marker') resolve(undefined);
      };
    });
    sender.postMessage(late);
    sender.postMessage('marker');
    await delivered;
    sender.close();
    listener.close();
  });
  expect(await page.evaluate(() => window.swKit.snapshot('again'))).toMatchObject({
    result: '',
    token: next?.token,
  });
  await waitForStatus(page, 'again', 'success', settled);
  expect(await page.evaluate(() => window.swKit.snapshot('again')?.token)).toBe(next?.token);
});
