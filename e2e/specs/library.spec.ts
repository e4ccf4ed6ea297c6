import { createHash } from 'node:crypto';
import { expect, test } from '../harness/fixtures';
import type { BrowserSession, TestPage } from '../harness/session';
import type { TestScope } from '../server/types';

/**
 * The downloads a user keeps, in every engine: core's `createDownloadsLibrary()` over what @bgfetch/sw's handlers
 * stored (core's fallback engine, through the bridge, into the records cache), and `serveStoredFetches()` answering
 * the page's requests from that cache. Sizes are checked against Cache Storage itself, bytes against the server's.
 */

const KiB = 1024;
const MiB = 1024 * KiB;
const settled = 30_000;

async function openLibrary(
  browser: BrowserSession,
  scope: TestScope,
  options: { requestPersistence?: boolean } = {},
): Promise<TestPage> {
  const page = await browser.newPage();
  await page.goto(new URL('/library/', scope.base).href);
  await page.waitForFunction(() => window.library !== undefined);
  await page.evaluate((options) => window.library.start(options), options);
  return page;
}

async function download(page: TestPage, id: string, urls: string[], status = 'success') {
  await page.evaluate(({ id, urls }) => window.library.fetch(id, urls, `Title of ${id}`), { id, urls });
  await page.waitForFunction(
    ({ id, status }) => window.library.snapshot(id)?.status === status,
    { id, status },
    { timeout: settled },
  );
}

const sum = (sizes: Record<string, number>, urls: string[]) =>
  urls.reduce((total, url) => total + (sizes[url] ?? Number.NaN), 0);

test('the list names every stored fetch with the bytes Cache Storage holds; delete removes exactly one fetch', async ({
  browser,
  scope,
}) => {
  const shared = { name: 'shared.bin', size: 300 * KiB + 1 };
  const first = { name: 'first.bin', size: MiB + 17 };
  const second = { name: 'second.bin', size: 200 * KiB };
  const [sharedUrl, firstUrl, secondUrl] = [shared, first, second].map((file) => scope.fileUrl(file)) as [
    string,
    string,
    string,
  ];
  const missingUrl = scope.fileUrl({ name: 'gone.bin', size: KiB }, { status: 404 });
  const page = await openLibrary(browser, scope);
  await download(page, 'first', [sharedUrl, firstUrl]);
  await download(page, 'second', [sharedUrl, secondUrl]);
  await download(page, 'half', [secondUrl, missingUrl], 'failure');

  // Each settled download told the library's subscribers.
  expect(await page.evaluate(() => window.library.changes())).toBe(3);
  const sizes = await page.evaluate(() => window.library.cacheSizes());
  expect(sizes).toEqual({ [sharedUrl]: shared.size, [firstUrl]: first.size, [secondUrl]: second.size });
  const list = await page.evaluate(() => window.library.list());
  expect(list.map(({ settledAt: _, ...rest }) => rest)).toEqual([
    { id: 'half', title: 'Title of half', urls: [secondUrl], bytes: second.size, state: 'partial' },
    {
      id: 'second',
      title: 'Title of second',
      urls: [sharedUrl, secondUrl],
      bytes: sum(sizes, [sharedUrl, secondUrl]),
      state: 'complete',
    },
    {
      id: 'first',
      title: 'Title of first',
      urls: [sharedUrl, firstUrl],
      bytes: sum(sizes, [sharedUrl, firstUrl]),
      state: 'complete',
    },
  ]);
  expect(list.map((item) => item.settledAt)).toEqual(
    [...list.map((item) => item.settledAt)].sort().reverse(),
  );
  expect(await page.evaluate(() => window.library.bytesUsed())).toBe(shared.size + first.size + second.size);
  const opened = await page.evaluate((url) => window.library.open('first', url), firstUrl);
  expect(opened).toMatchObject({ status: 200, bytes: first.size, sha256: await scope.sha256(first) });
  expect(await page.evaluate(() => window.library.open('nothing'))).toBeNull();

  expect(await page.evaluate(() => window.library.remove('first'))).toBe(true);
  expect(await page.evaluate(() => window.library.changes())).toBe(4);
  // The shared record stays for "second"; only what "first" alone listed is gone.
  expect(await page.evaluate(() => window.library.cacheSizes())).toEqual({
    [sharedUrl]: shared.size,
    [secondUrl]: second.size,
  });
  expect((await page.evaluate(() => window.library.list())).map((item) => item.id)).toEqual([
    'half',
    'second',
  ]);
  expect(await page.evaluate(() => window.library.bytesUsed())).toBe(shared.size + second.size);
  expect(await page.evaluate(() => window.library.remove('first'))).toBe(false);
});

test('the service worker answers a stored URL offline: Range → 206 with the right bytes, a bad range → 416; the rest goes to the network', async ({
  browser,
  scope,
  server,
}) => {
  const episode = { name: 'episode.bin', size: 3 * MiB + 123 };
  const other = { name: 'other.bin', size: 64 * KiB };
  const url = scope.fileUrl(episode);
  const page = await openLibrary(browser, scope);
  await download(page, 'episode', [url]);
  const range = { start: MiB + 5, end: 2 * MiB + 9 };
  const fromServer = Buffer.from(
    await (await fetch(url, { headers: { Range: `bytes=${range.start}-${range.end}` } })).arrayBuffer(),
  );
  const logged = (await scope.settled()).length;

  server.setOffline(true);
  try {
    const middle = await page.evaluate(
      ({ url, range }) => window.library.get(url, `bytes=${range.start}-${range.end}`),
      { url, range },
    );
    expect(middle).toEqual({
      status: 206,
      contentRange: `bytes ${range.start}-${range.end}/${episode.size}`,
      contentLength: String(range.end - range.start + 1),
      bytes: range.end - range.start + 1,
      sha256: createHash('sha256').update(fromServer).digest('hex'),
    });
    const whole = await page.evaluate((url) => window.library.get(url), url);
    expect(whole).toMatchObject({ status: 200, bytes: episode.size, sha256: await scope.sha256(episode) });
    // Cut at the end, as a server does: the last 100 bytes either way.
    for (const tail of [`bytes=${episode.size - 100}-${episode.size + 1000}`, 'bytes=-100']) {
      const answer = await page.evaluate(({ url, tail }) => window.library.get(url, tail), { url, tail });
      expect(answer, tail).toMatchObject({
        status: 206,
        contentRange: `bytes ${episode.size - 100}-${episode.size - 1}/${episode.size}`,
        bytes: 100,
      });
    }
    for (const bad of [`bytes=${episode.size}-`, 'bytes=x-y', 'bytes=0-1,5-6']) {
      const answer = await page.evaluate(({ url, bad }) => window.library.get(url, bad), { url, bad });
      expect(answer, bad).toMatchObject({ status: 416, contentRange: `bytes */${episode.size}`, bytes: 0 });
    }
  } finally {
    server.setOffline(false);
  }
  // Served from the records cache: the server saw none of it.
  expect((await scope.settled()).length).toBe(logged);

  const otherUrl = scope.fileUrl(other);
  const fromNetwork = await page.evaluate((url) => window.library.get(url, 'bytes=0-99'), otherUrl);
  expect(fromNetwork).toMatchObject({ status: 206, bytes: 100 });
  const log = await scope.settled();
  expect(
    log.slice(logged).map((entry) => [new URL(entry.url, url).pathname.split('/').pop(), entry.range]),
  ).toEqual([['other.bin', 'bytes=0-99']]);
});

test('a request that asks for the network (no-store, reload) gets it, not the stored copy; redownload stores the new version', async ({
  browser,
  scope,
}) => {
  const file = { name: 'versioned.bin', size: 600 * KiB };
  const url = scope.fileUrl(file);
  const page = await openLibrary(browser, scope);
  await download(page, 'versioned', [url]);
  const first = await scope.sha256(file);
  expect(await page.evaluate((url) => window.library.open('versioned', url), url)).toMatchObject({
    sha256: first,
  });

  scope.bumpVersion(file.name);
  const second = await scope.sha256(file);
  expect(second).not.toBe(first);
  // The fallback engine's own requests say no-store: where its worker is in the service worker's scope, they must
  // reach the server, or a download would copy (or splice onto) the stored version.
  for (const cache of ['no-store', 'reload'] as const) {
    const fresh = await page.evaluate(({ url, cache }) => window.library.get(url, undefined, cache), {
      url,
      cache,
    });
    expect(fresh, cache).toMatchObject({ status: 200, sha256: second });
  }
  expect(await page.evaluate((url) => window.library.get(url), url)).toMatchObject({ sha256: first });

  const logged = (await scope.settled()).length;
  await page.evaluate(() => window.library.redownload('versioned'));
  await page.waitForFunction(() => window.library.snapshot('versioned')?.status === 'success', undefined, {
    timeout: settled,
  });
  expect((await scope.settled()).slice(logged).map((entry) => entry.status)).toContain(200);
  await expect
    .poll(async () => (await page.evaluate((url) => window.library.open('versioned', url), url))?.sha256)
    .toBe(second);
});

test('an <audio> of a stored episode seeks to its middle offline: the service worker answers its Range requests', async ({
  browser,
  scope,
  server,
}) => {
  const seconds = 120;
  const url = `${scope.base}/media/seek.wav?seconds=${seconds}`;
  const page = await openLibrary(browser, scope);
  await download(page, 'seek', [url]);
  const logged = (await scope.settled()).length;

  server.setOffline(true);
  try {
    const played = await page.evaluate((url) => window.library.seek(url, 60), url);
    expect(played.duration).toBeCloseTo(seconds, 0);
    expect(played.currentTime).toBeCloseTo(60, 0);
  } finally {
    server.setOffline(false);
  }
  expect((await scope.settled()).length).toBe(logged);
  const path = new URL(url).pathname;
  const ranges = await page.evaluate(() => window.library.rangesSeen());
  expect(ranges.filter((range) => range.startsWith(`${path} bytes=`)).length).toBeGreaterThan(0);
});

test('a re-run that fails and stores nothing keeps the good copy listed as complete; one that stores a record is partial', async ({
  browser,
  scope,
}) => {
  const episode = { name: 'kept.bin', size: MiB + 5 };
  const cover = { name: 'cover.bin', size: 20 * KiB };
  const [episodeUrl, coverUrl] = [scope.fileUrl(episode), scope.fileUrl(cover)];
  const page = await openLibrary(browser, scope);
  await download(page, 'kept', [episodeUrl, coverUrl]);
  const whole = {
    id: 'kept',
    urls: [episodeUrl, coverUrl],
    bytes: episode.size + cover.size,
    state: 'complete',
  };
  expect(await page.evaluate(() => window.library.list())).toEqual([expect.objectContaining(whole)]);

  // The server now refuses both: the run fails with nothing stored, and the copy the user has is still whole.
  scope.setKnobs(episode.name, { status: 404 });
  scope.setKnobs(cover.name, { status: 404 });
  await download(page, 'kept', [episodeUrl, coverUrl], 'failure');
  expect(await page.evaluate(() => window.library.list())).toEqual([expect.objectContaining(whole)]);

  // The cover comes back as a new version, the episode does not: the listed records mix two runs.
  scope.setKnobs(cover.name, {});
  scope.bumpVersion(cover.name);
  await download(page, 'kept', [episodeUrl, coverUrl], 'failure');
  expect(await page.evaluate(() => window.library.list())).toEqual([
    expect.objectContaining({ ...whole, state: 'partial' }),
  ]);
});

test('"Download again" the moment a failed download shows its failure starts the new run, which succeeds whole', async ({
  browser,
  scope,
}) => {
  // The service worker's handler tells the page the outcome; the failed run's clean-up (a file each to remove, and
  // many files) goes on after that.
  const files = Array.from({ length: 24 }, (_, index) => ({
    name: `again-${index}.bin`,
    size: 64 * KiB + index,
  }));
  const urls = files.map((file) => scope.fileUrl(file));
  const missingUrl = scope.fileUrl({ name: 'again-gone.bin', size: KiB }, { status: 404 });
  const page = await openLibrary(browser, scope);
  const answer = await page.evaluate(
    async ({ urls, missingUrl }) => {
      await window.library.fetch('again', [...urls, missingUrl], 'Title of again');
      return window.library.fetchAgainOnceSettled('again', urls);
    },
    { urls, missingUrl },
  );
  expect(answer).toEqual({ settled: 'failure', again: expect.stringMatching(/^(pending|fetching)$/) });
  // The first run's last report (after its clean-up) does not settle the second.
  await page.waitForFunction(() => window.library.snapshot('again')?.status === 'success', undefined, {
    timeout: settled,
  });
  const bytes = files.reduce((total, file) => total + file.size, 0);
  expect(await page.evaluate(() => window.library.snapshot('again'))).toMatchObject({ downloaded: bytes });
  expect(await page.evaluate(() => window.library.list())).toEqual([
    expect.objectContaining({ id: 'again', urls, bytes, state: 'complete' }),
  ]);
});

test('a records cache deleted behind the kit: the fetch is missing, also after a reload, and redownload brings it back', async ({
  browser,
  scope,
}) => {
  const file = { name: 'evicted.bin', size: MiB + 3 };
  const url = scope.fileUrl(file);
  const page = await openLibrary(browser, scope);
  await download(page, 'evicted', [url]);
  expect((await page.evaluate(() => window.library.list()))[0]).toMatchObject({
    id: 'evicted',
    state: 'complete',
    bytes: file.size,
  });

  expect(await page.evaluate(() => window.library.text())).toEqual([
    'Title of evicted: 1 MB, complete',
    '1 MB stored, may be evicted',
  ]);

  expect(await page.evaluate(() => window.library.evict())).toBe(true);
  const missing = { id: 'evicted', title: 'Title of evicted', urls: [url], bytes: 0, state: 'missing' };
  expect(await page.evaluate(() => window.library.list())).toEqual([expect.objectContaining(missing)]);
  expect(await page.evaluate(() => window.library.text())).toEqual([
    'Title of evicted: 0 MB, missing',
    '0 MB stored, may be evicted',
  ]);
  await page.close();

  const reopened = await openLibrary(browser, scope);
  expect(await reopened.evaluate(() => window.library.list())).toEqual([expect.objectContaining(missing)]);
  await reopened.evaluate(() => window.library.redownload('evicted'));
  await reopened.waitForFunction(() => window.library.snapshot('evicted')?.status === 'success', undefined, {
    timeout: settled,
  });
  await expect
    .poll(() => reopened.evaluate(() => window.library.list()))
    .toEqual([expect.objectContaining({ ...missing, bytes: file.size, state: 'complete' })]);
  expect(await reopened.evaluate(() => window.library.cacheSizes())).toEqual({ [url]: file.size });
});

test('storage: persisted, usage and quota are readable; requestPersistence answers', async ({
  browser,
  scope,
}) => {
  const page = await openLibrary(browser, scope);
  const before = await page.evaluate(() => window.library.storage());
  expect(typeof before.persisted).toBe('boolean');
  expect(before.usage).toBeGreaterThanOrEqual(0);
  expect(before.quota).toBeGreaterThan(0);
  const granted = await page.evaluate(() => window.library.requestPersistence());
  expect((await page.evaluate(() => window.library.storage())).persisted).toBe(granted);
});

test('requestPersistence: true asks once, when the client starts its first download; without it nothing is asked', async ({
  browser,
  scope,
  engine,
}) => {
  const urls = ['one.bin', 'two.bin', 'three.bin'].map((name) => scope.fileUrl({ name, size: 10 * KiB }));
  const plain = await openLibrary(browser, scope);
  await download(plain, 'plain', [urls[0]!]);
  expect(await plain.evaluate(() => window.library.persistCalls())).toBe(0);
  expect((await plain.evaluate(() => window.library.storage())).persisted).toBe(false);
  await plain.close();

  const asking = await openLibrary(browser, scope, { requestPersistence: true });
  expect(await asking.evaluate(() => window.library.persistCalls())).toBe(0);
  await download(asking, 'first', [urls[1]!]);
  // Not awaited by the download: it comes after the origin's `persisted()` answer, which can take seconds on a
  // loaded machine (WebKit once had not asked 5 s after the download).
  await expect.poll(() => asking.evaluate(() => window.library.persistCalls()), { timeout: settled }).toBe(1);
  await download(asking, 'second', [urls[2]!]);
  expect(await asking.evaluate(() => window.library.persistCalls())).toBe(1);
  // Firefox grants it here (the harness answers its prompt "allow"); Chromium and WebKit decide "no" by themselves.
  await expect
    .poll(async () => (await asking.evaluate(() => window.library.storage())).persisted, { timeout: settled })
    .toBe(engine === 'firefox');
});
