import { expect, test } from '../harness/fixtures';
import { badFetchInputs } from '../support/bad-input';
import {
  BROWSER_BUFFER,
  bytesSent,
  DEFAULT_RECORDS,
  KiB,
  MiB,
  openFallbackPage,
  recordSha,
  requestLog,
  SW_RECORDS_CACHE,
  startAndPauseAfterAChunk,
  TEST_ENGINE,
  waitForDownloaded,
  waitForStatus,
} from '../support/fallback';

/**
 * The fallback engine through the kit's client, in all three engines (Chromium with `engine: 'fallback'` forced):
 * start, progress, success with every record in Cache Storage (by the page's default handler, or by the service
 * worker through the bridge), each failure reason, abort, pause / resume, and bad input.
 */

const CHUNK = TEST_ENGINE.chunkSize!;

test('no service worker: progress, then every record in Cache Storage and nothing left behind', async ({
  browser,
  scope,
}) => {
  const files = [
    { name: 'one.bin', size: 1 * MiB + 123 },
    { name: 'two.bin', size: 300 * KiB },
  ];
  const urls = files.map((file) => scope.fileUrl(file, { throttle: MiB }));
  const page = await openFallbackPage(browser, scope);
  const first = await page.evaluate(
    ({ urls }) => window.fallback.fetch('ep', urls, { title: 'Episode', downloadTotal: 2 * 1024 * 1024 }),
    { urls },
  );
  // conformance rule 6.
  expect(first).toMatchObject({
    id: 'ep',
    engine: 'fallback',
    title: 'Episode',
    uploadTotal: 0,
    uploaded: 0,
    downloadTotal: 2 * MiB,
    downloaded: 0,
    result: '',
    failureReason: '',
    recordsAvailable: true,
    status: 'pending',
  });
  await waitForStatus(page, 'ep', 'success');
  const history = await page.evaluate(() => window.fallback.history('ep'));
  const downloaded = history.map((snapshot) => snapshot.downloaded);
  expect(downloaded).toEqual([...downloaded].sort((a, b) => a - b));
  expect(downloaded.filter((bytes) => bytes > 0 && bytes < files[0]!.size).length).toBeGreaterThan(1);
  expect(history.at(-1)).toMatchObject({
    result: 'success',
    failureReason: '',
    downloaded: files[0]!.size + files[1]!.size,
    recordsAvailable: false,
  });
  for (const [index, file] of files.entries()) {
    expect(await recordSha(page, DEFAULT_RECORDS, urls[index]!)).toBe(await scope.sha256(file));
  }
  expect(await page.evaluate(() => window.fallback.storage())).toMatchObject({
    chunks: 0,
    files: 0,
    jobs: [],
    requests: 0,
  });
  for (const file of files) expect(await bytesSent(scope, file)).toBe(file.size);
});

test('with a service worker: the success event gets every record through the bridge', async ({
  browser,
  scope,
}) => {
  const files = [
    { name: 'audio.bin', size: 700 * KiB },
    { name: 'art.bin', size: 10 * KiB },
  ];
  const urls = files.map((file) => scope.fileUrl(file));
  const page = await openFallbackPage(browser, scope, { serviceWorker: true });
  // Duplicate URLs in one job: both records come back (conformance rule 3).
  await page.evaluate((urls) => window.fallback.fetch('sw', [...urls, urls[1]!]), urls);
  await waitForStatus(page, 'sw', 'success');
  const events = await page.evaluate(() => window.fallback.bridgeEvents());
  expect(events).toEqual([
    {
      event: 'backgroundfetchsuccess',
      id: 'sw',
      result: 'success',
      failureReason: '',
      at: expect.any(Number),
      records: [
        { url: urls[0], status: 200, complete: true, bytes: files[0]!.size },
        { url: urls[1], status: 200, complete: true, bytes: files[1]!.size },
        { url: urls[1], status: 200, complete: true, bytes: files[1]!.size },
      ],
    },
  ]);
  for (const [index, file] of files.entries()) {
    expect(await recordSha(page, SW_RECORDS_CACHE, urls[index]!)).toBe(await scope.sha256(file));
  }
  // The service worker took them: the page-side default handler stored nothing, and the chunks are gone.
  const storage = await page.evaluate(() => window.fallback.storage());
  expect(storage.caches).not.toContain(DEFAULT_RECORDS);
  expect(storage).toMatchObject({ chunks: 0, files: 0, jobs: [], requests: 0 });
  expect(await page.evaluate(() => window.fallback.snapshot('sw'))).toMatchObject({
    recordsAvailable: false,
  });
});

test('a 404 fails the job with bad-status once the other record settled; the fail event holds the 404', async ({
  browser,
  scope,
}) => {
  const good = { name: 'good.bin', size: 600 * KiB };
  const urls = [scope.fileUrl({ name: 'gone.bin', size: KiB }, { status: 404 }), scope.fileUrl(good)];
  const page = await openFallbackPage(browser, scope, { serviceWorker: true });
  await page.evaluate((urls) => window.fallback.fetch('missing', urls), urls);
  await waitForStatus(page, 'missing', 'failure');
  expect(await page.evaluate(() => window.fallback.snapshot('missing'))).toMatchObject({
    result: 'failure',
    failureReason: 'bad-status',
  });
  const [event] = await page.evaluate(() => window.fallback.bridgeEvents());
  expect(event).toMatchObject({ event: 'backgroundfetchfail', failureReason: 'bad-status' });
  expect(event?.records).toMatchObject([
    { url: urls[0], status: 404, complete: true },
    { url: urls[1], status: 200, complete: true, bytes: good.size },
  ]);
  expect(await page.evaluate(() => window.fallback.storage())).toMatchObject({
    chunks: 0,
    files: 0,
    jobs: [],
    requests: 0,
  });
});

test("a HEAD request succeeds with the answer's status and no body: its Content-Length is not waited for", async ({
  browser,
  scope,
}) => {
  const url = scope.fileUrl({ name: 'head.bin', size: 300 * KiB });
  const page = await openFallbackPage(browser, scope);
  await page.evaluate((url) => window.fallback.fetch('head', [{ url, method: 'HEAD' }]), url);
  await waitForStatus(page, 'head', 'success');
  // The page-side default handler keys a non-GET record by its URL (Cache Storage takes only GET requests).
  const record = await page.evaluate(({ cache, url }) => window.fallback.record(cache, url), {
    cache: DEFAULT_RECORDS,
    url,
  });
  expect(record).toMatchObject({
    status: 200,
    bytes: 0,
  });
  expect((await requestLog(scope)).map((entry) => entry.method)).toEqual(['HEAD']);
});

test('a connection cut on every attempt, and a cross-origin response without CORS, fail with fetch-error', async ({
  browser,
  scope,
}) => {
  const page = await openFallbackPage(browser, scope);
  const cut = scope.fileUrl({ name: 'cut.bin', size: MiB }, { cutAfter: 100 * KiB, cutMode: 'always' });
  await page.evaluate((url) => window.fallback.fetch('cut', [url]), cut);
  // localhost is another origin than the page's 127.0.0.1, and the server sends no CORS headers by default.
  const crossOrigin = scope.fileUrl({ name: 'cors.bin', size: KiB }).replace('127.0.0.1', 'localhost');
  await page.evaluate((url) => window.fallback.fetch('cors', [url]), crossOrigin);
  await waitForStatus(page, 'cut', 'failure');
  await waitForStatus(page, 'cors', 'failure');
  expect(await page.evaluate(() => window.fallback.snapshot('cut'))).toMatchObject({
    failureReason: 'fetch-error',
  });
  // Nothing of the refused response leaks into the figures (conformance rule 16).
  expect(await page.evaluate(() => window.fallback.snapshot('cors'))).toMatchObject({
    failureReason: 'fetch-error',
    downloaded: 0,
  });
  const attempts = (await requestLog(scope)).filter((entry) => entry.url.includes('cut.bin'));
  expect(attempts).toHaveLength(TEST_ENGINE.retry!.attempts!);
  expect(await page.evaluate(() => window.fallback.storage())).toMatchObject({
    chunks: 0,
    files: 0,
    jobs: [],
    requests: 0,
  });
});

test("a request's sha256 integrity is checked over the stored bytes: a match succeeds, a mismatch is fetch-error", async ({
  browser,
  scope,
}) => {
  const file = { name: 'signed.bin', size: 3 * CHUNK + 1000 };
  const url = scope.fileUrl(file);
  const digest = Buffer.from(await scope.sha256(file), 'hex').toString('base64');
  const wrong = Buffer.from(await scope.sha256({ ...file, size: file.size - 1 }), 'hex').toString('base64');
  const page = await openFallbackPage(browser, scope);
  await page.evaluate(
    ({ url, digest, wrong }) =>
      Promise.all([
        window.fallback.fetch('good', [{ url, integrity: `sha256-${digest}` }]),
        window.fallback.fetch('bad', [{ url, integrity: `sha256-${wrong}` }]),
      ]),
    { url, digest, wrong },
  );
  await waitForStatus(page, 'good', 'success');
  await waitForStatus(page, 'bad', 'failure');
  expect(await page.evaluate(() => window.fallback.snapshot('bad'))).toMatchObject({
    failureReason: 'fetch-error',
  });
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
  expect(await page.evaluate(() => window.fallback.storage())).toMatchObject({
    chunks: 0,
    files: 0,
    jobs: [],
    requests: 0,
  });
});

test('more bytes than downloadTotal fail the job at once with download-total-exceeded', async ({
  browser,
  scope,
}) => {
  const file = { name: 'too-big.bin', size: 4 * MiB };
  const page = await openFallbackPage(browser, scope);
  await page.evaluate(
    (url) => window.fallback.fetch('too-big', [url], { downloadTotal: 1000 }),
    scope.fileUrl(file, { throttle: 2 * MiB }),
  );
  await waitForStatus(page, 'too-big', 'failure');
  expect(await page.evaluate(() => window.fallback.snapshot('too-big'))).toMatchObject({
    result: 'failure',
    failureReason: 'download-total-exceeded',
  });
  // "At once": the request was dropped long before the throttled file could have ended.
  expect(await bytesSent(scope, file)).toBeLessThan(file.size / 2);
  expect(await page.evaluate(() => window.fallback.storage())).toMatchObject({
    chunks: 0,
    files: 0,
    jobs: [],
    requests: 0,
  });
});

test('abort(): true once, then false; completed records stay readable in the abort event', async ({
  browser,
  scope,
}) => {
  const small = { name: 'small.bin', size: 20 * KiB };
  const big = { name: 'big.bin', size: 8 * MiB };
  const urls = [scope.fileUrl(small), scope.fileUrl(big, { throttle: MiB })];
  const page = await openFallbackPage(browser, scope, { serviceWorker: true });
  await page.evaluate((urls) => window.fallback.fetch('abort-me', urls), urls);
  await waitForDownloaded(page, 'abort-me', small.size + CHUNK);
  expect(await page.evaluate(() => window.fallback.abort('abort-me'))).toBe(true);
  expect(await page.evaluate(() => window.fallback.abort('abort-me'))).toBe(false);
  await waitForStatus(page, 'abort-me', 'aborted');
  expect(await page.evaluate(() => window.fallback.snapshot('abort-me'))).toMatchObject({
    result: 'failure',
    failureReason: 'aborted',
    recordsAvailable: false,
  });
  expect(await page.evaluate(() => window.fallback.abort('abort-me'))).toBe(false);
  const [event] = await page.evaluate(() => window.fallback.bridgeEvents());
  expect(event).toMatchObject({ event: 'backgroundfetchabort', failureReason: 'aborted' });
  expect(event?.records[0]).toEqual({ url: urls[0], status: 200, complete: true, bytes: small.size });
  // The incomplete record's responseReady rejects with AbortError (conformance rule 19).
  expect(event?.records[1]).toEqual({
    url: urls[1],
    status: null,
    complete: false,
    bytes: null,
    error: 'AbortError',
  });
  expect(await page.evaluate(() => window.fallback.storage())).toMatchObject({
    chunks: 0,
    files: 0,
    jobs: [],
    requests: 0,
  });
  expect(await bytesSent(scope, big)).toBeLessThan(big.size);
});

test('pause() stops the transfer, resume() continues it from the stored offset', async ({
  browser,
  scope,
}) => {
  const file = { name: 'pause.bin', size: 3 * MiB };
  const page = await openFallbackPage(browser, scope);
  // Paused means no request in flight: the server's log settles, with the first response cut short.
  const url = await startAndPauseAfterAChunk(page, scope, 'pausable', file);
  // Where the stored bytes live (body-writer.ts): one file where the worker can write files, else chunks.
  const paused = await page.evaluate(() => window.fallback.storage());
  expect(paused).toMatchObject(
    browser.engine === 'webkit' ? { files: 0, chunks: expect.any(Number) } : { files: 1, chunks: 0 },
  );
  if (browser.engine === 'webkit') expect(paused.chunks).toBeGreaterThan(0);
  await page.evaluate(() => window.fallback.resume('pausable'));
  await waitForStatus(page, 'pausable', 'success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
  const log = await requestLog(scope);
  expect(log.length).toBe(2);
  expect(log[1]!.range).toMatch(/^bytes=\d+-$/);
  expect(await bytesSent(scope, file)).toBeLessThanOrEqual(file.size + CHUNK + BROWSER_BUFFER);
});

test('bad input gets the same typed errors as the native path and leaves storage as it was', async ({
  browser,
  scope,
}) => {
  const page = await openFallbackPage(browser, scope);
  const before = await page.evaluate(() => window.fallback.storage());
  const file = scope.fileUrl({ name: 'valid.bin', size: KiB });
  for (const { id, urls, options, error } of badFetchInputs(file)) {
    await expect(
      page.evaluate(({ id, urls, options }) => window.fallback.fetch(id, urls, options), {
        id,
        urls,
        options,
      }),
    ).rejects.toThrow(error);
  }
  await expect(
    page.evaluate(
      (url) => window.fallback.fetch('huge', [url], { downloadTotal: Number.MAX_SAFE_INTEGER }),
      file,
    ),
  ).rejects.toThrow(/QuotaExceededError: bgfetch: downloadTotal 9007199254740991 bytes does not fit/);
  await expect(page.evaluate(() => window.fallback.pause('nothing'))).rejects.toThrow(/InvalidStateError/);
  expect(await page.evaluate(() => window.fallback.abort('nothing'))).toBe(false);

  expect(await page.evaluate(() => window.fallback.storeIds())).toEqual([]);
  expect(await page.evaluate(() => window.fallback.storage())).toEqual(before);
  expect(scope.log()).toEqual([]);

  // A duplicate active id is refused too, and the page carries on.
  await page.evaluate(
    (url) => window.fallback.fetch('valid', [url]),
    scope.fileUrl({ name: 'slow.bin', size: MiB }, { throttle: MiB }),
  );
  await expect(page.evaluate((url) => window.fallback.fetch('valid', [url]), file)).rejects.toThrow(
    'TypeError: bgfetch: a fetch with the id "valid" is already active',
  );
  await waitForStatus(page, 'valid', 'success');
});

for (const brokenWorker of ['missing', 'throws'] as const) {
  test(`a worker that does not start (${brokenWorker}): the client is ready, and fetch() says why`, async ({
    browser,
    scope,
  }) => {
    // Before, the engine waited for the worker's first answer for ever, and the client's `ready` with it.
    const page = await openFallbackPage(browser, scope, { brokenWorker });
    await expect(
      page.evaluate(
        (url) => window.fallback.fetch('unstarted', [url]),
        scope.fileUrl({ name: 'x.bin', size: KiB }),
      ),
    ).rejects.toThrow(/NotSupportedError: bgfetch: the fallback engine could not start its worker \(.+\)/);
    expect(await page.evaluate(() => window.fallback.storeIds())).toEqual([]);
    expect(scope.log()).toEqual([]);
  });
}
