import { expect, test } from '../harness/fixtures';
import type { TestPage } from '../harness/session';
import {
  DEFAULT_RECORDS,
  KiB,
  openFallbackPage,
  rangeStart,
  recordSha,
  requestLog,
  startAndPauseAfterAChunk,
  TEST_ENGINE,
  waitForStatus,
} from '../support/fallback';

/**
 * The fallback's IndexedDB database against other contexts of the origin: a tab that holds it open must let go
 * when another context needs it (a newer version's upgrade, site data cleared with deleteDatabase), and open it
 * again for its next use.
 */

/** Deletes the fallback's database from the page: `deleted`, or `blocked` when a connection will not let go. */
function deleteDatabase(page: TestPage) {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const request = indexedDB.deleteDatabase('bgfetch');
        request.onsuccess = () => resolve('deleted');
        request.onerror = () => resolve(`error: ${request.error?.name}`);
        request.onblocked = () => resolve('blocked');
      }),
  );
}

/** A request as versions 1 to 3 stored it inside its job's record: nothing stored yet, its bytes to be chunks. */
function olderRequest(url: string) {
  return {
    request: { url, method: 'GET', headers: [], bodyChunkKeys: [] },
    mode: 'cors',
    credentials: 'same-origin',
    integrity: '',
    uploadSize: 0,
    epoch: 0,
    offset: 0,
    chunkKeys: [] as string[],
    etag: null,
    lastModified: null,
    total: null,
    response: null,
    state: 'pending',
    failure: '',
  };
}

test('deleting the database (site data cleared) is not blocked by a tab running the kit, which opens it again and keeps working', async ({
  browser,
  scope,
}) => {
  const page = await openFallbackPage(browser, scope);
  // A job in the database, paused, so that the worker's connection has been used.
  await startAndPauseAfterAChunk(page, scope, 'before', { name: 'before.bin', size: 2 * 256 * KiB + 1 });
  expect(await deleteDatabase(page)).toBe('deleted');
  // The kit opens the database again: a new fetch is stored, runs and lands whole.
  const file = { name: 'after.bin', size: 300 * KiB };
  const url = scope.fileUrl(file);
  await page.evaluate((url) => window.fallback.fetch('after', [url]), url);
  await waitForStatus(page, 'after', 'success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
});

test("an id started again in another tab after its job was cleared runs as the new job: the old job's runner lets go and never writes over it", async ({
  browser,
  scope,
}) => {
  const first = await openFallbackPage(browser, scope);
  // The old job is paused in the first tab (its runner holds the id's lock) when the site data goes.
  await startAndPauseAfterAChunk(first, scope, 'again', { name: 'old.bin', size: 2 * 256 * KiB + 1 });
  expect(await deleteDatabase(first)).toBe('deleted');
  // A second tab knows nothing of it and starts the id again, on another file.
  const second = await openFallbackPage(browser, scope);
  const file = { name: 'new.bin', size: 300 * KiB };
  const url = scope.fileUrl(file);
  await second.evaluate((url) => window.fallback.fetch('again', [url]), url);
  await waitForStatus(second, 'again', 'success');
  expect(await recordSha(second, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
  expect(await second.evaluate(() => window.fallback.storage())).toMatchObject({ jobs: [], requests: 0 });
});

test('a database of schema version 1 (an older kit) is upgraded in place: its unfinished job resumes and lands', async ({
  browser,
  scope,
}) => {
  const file = { name: 'old.bin', size: 300 * KiB };
  const url = scope.fileUrl(file);
  const page = await browser.newPage();
  await page.goto(new URL('/fallback/', scope.base).href);
  await page.waitForFunction(() => window.fallback !== undefined, undefined, { timeout: 30_000 });
  // The record as version 1 wrote it: no `file` (the bytes were chunks), no `handedOff`.
  await page.evaluate(
    (request) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('bgfetch', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('jobs', { keyPath: 'id' });
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('jobs', 'readwrite');
          tx.objectStore('jobs').put({
            id: 'old',
            token: '00112233aabbccdd',
            title: 'From an older kit',
            icons: [],
            downloadTotal: 0,
            startedAt: Date.now(),
            paused: false,
            abortRequested: false,
            outcome: null,
            requests: [request],
          });
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    olderRequest(url),
  );
  await page.evaluate((engine) => window.fallback.start({ serviceWorker: false, engine }), TEST_ENGINE);
  await waitForStatus(page, 'old', 'success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
});

test('a database of schema version 3 (requests inside the job record) is upgraded in place: a half-stored request resumes where it stopped, one whose chunk is gone starts over, both land whole', async ({
  browser,
  scope,
}) => {
  const files = [
    { name: 'half.bin', size: 600 * KiB },
    { name: 'lost.bin', size: 600 * KiB },
  ];
  const stored = 256 * KiB;
  const urls = files.map((file) => scope.fileUrl(file));
  const page = await browser.newPage();
  await page.goto(new URL('/fallback/', scope.base).href);
  await page.waitForFunction(() => window.fallback !== undefined, undefined, { timeout: 30_000 });
  // The record as version 3 wrote it (and the queue store): each request's first 256 KiB recorded as one chunk (no
  // `file`); the first request's chunk is in the chunk cache, the second's is gone (site data partly cleared).
  await page.evaluate(
    ({ urls, older, stored }) =>
      new Promise<void>((resolve, reject) => {
        const token = '8899aabbccddeeff';
        const open = indexedDB.open('bgfetch', 3);
        open.onupgradeneeded = () => {
          open.result.createObjectStore('jobs', { keyPath: 'id' });
          open.result.createObjectStore('queue', { keyPath: 'id' });
        };
        open.onerror = () => reject(open.error);
        open.onsuccess = async () => {
          const db = open.result;
          const chunks = await caches.open('bgfetch:fallback-chunks');
          const requests = await Promise.all(
            urls.map(async (url, index) => {
              const chunkKey = `${location.origin}/__bgfetch/chunks/old/${token}/${index}/0/0`;
              const answer = await fetch(url, { cache: 'no-store' });
              const bytes = await answer.arrayBuffer();
              if (index === 0) await chunks.put(chunkKey, new Response(bytes.slice(0, stored)));
              return {
                ...older[index],
                offset: stored,
                chunkKeys: [chunkKey],
                etag: answer.headers.get('ETag'),
                lastModified: answer.headers.get('Last-Modified'),
                total: bytes.byteLength,
                response: {
                  url: answer.url,
                  status: answer.status,
                  statusText: answer.statusText,
                  headers: [...answer.headers],
                },
              };
            }),
          );
          const tx = db.transaction('jobs', 'readwrite');
          tx.objectStore('jobs').put({
            id: 'old',
            token,
            title: 'Half stored by an older kit',
            icons: [],
            downloadTotal: 0,
            startedAt: Date.now(),
            paused: false,
            abortRequested: false,
            outcome: null,
            runs: 1,
            requests,
          });
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { urls, older: urls.map(olderRequest), stored },
  );
  await page.evaluate((engine) => window.fallback.start({ serviceWorker: false, engine }), TEST_ENGINE);
  await waitForStatus(page, 'old', 'success');
  for (const [index, file] of files.entries())
    expect(await recordSha(page, DEFAULT_RECORDS, urls[index]!)).toBe(await scope.sha256(file));
  // Per file, the page's own read, then the engine's one request: the rest from the stored offset where the chunk
  // is there, the whole file where it is gone.
  const log = await requestLog(scope);
  const startsOf = (name: string) =>
    log.filter((entry) => entry.url.includes(`/files/${name}`)).map(rangeStart);
  expect(startsOf('half.bin')).toEqual([null, stored]);
  expect(startsOf('lost.bin')).toEqual([null, null]);
  expect(await page.evaluate(() => window.fallback.storage())).toMatchObject({
    jobs: [],
    requests: 0,
    chunks: 0,
  });
});
