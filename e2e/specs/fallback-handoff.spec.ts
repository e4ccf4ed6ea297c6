import { expect, test } from '../harness/fixtures';
import { SLOW_HANDLER_MS } from '../pages/fallback/api';
import {
  DEFAULT_RECORDS,
  KiB,
  MiB,
  openFallbackPage,
  recordSha,
  SW_RECORDS_CACHE,
  TEST_ENGINE,
  waitForStatus,
} from '../support/fallback';

/**
 * The hand-off of a settled fallback job to the service worker (docs/architecture.md, "Hand-off"), with an app
 * handler slower than the page's `handoffTimeoutMs` (pages/fallback/sw.ts: `slow-` ids). The bridge claims the run
 * before it reads a byte and keeps saying so: the page waits, never stores the records itself nor removes bytes
 * under the handler, and the event is dispatched once, also when the tab that handed it off closes meanwhile.
 */

const engine = { ...TEST_ENGINE, handoffTimeoutMs: SLOW_HANDLER_MS / 5 };

test('a handler slower than handoffTimeoutMs reads every byte: the page keeps them and does not land the records itself', async ({
  browser,
  scope,
}) => {
  const file = { name: 'slow-read.bin', size: MiB + 3 * KiB };
  const url = scope.fileUrl(file);
  const page = await openFallbackPage(browser, scope, { serviceWorker: true, engine });
  await page.evaluate((url) => window.fallback.fetch('slow-read', [url]), url);
  await waitForStatus(page, 'slow-read', 'success');

  // The store settles once the handler is done: its summary is written by then.
  const events = await page.evaluate(() => window.fallback.bridgeEvents());
  expect(events.filter((event) => event.id === 'slow-read')).toEqual([
    {
      event: 'backgroundfetchsuccess',
      id: 'slow-read',
      result: 'success',
      failureReason: '',
      records: [{ url, status: 200, complete: true, bytes: file.size }],
      at: expect.any(Number),
    },
  ]);
  expect(await recordSha(page, SW_RECORDS_CACHE, url)).toBe(await scope.sha256(file));
  // The page did not store them too (its verdict would have raced the handler's).
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBeUndefined();
  expect(await page.evaluate(() => window.fallback.storage())).toMatchObject({
    chunks: 0,
    files: 0,
    jobs: [],
    requests: 0,
  });
});

test('the tab that handed a job off closes while the handler runs: the next tab does not dispatch it again', async ({
  browser,
  scope,
}) => {
  const file = { name: 'slow-tabs.bin', size: 600 * KiB };
  const url = scope.fileUrl(file);
  const first = await openFallbackPage(browser, scope, { serviceWorker: true, engine });
  const second = await openFallbackPage(browser, scope, { serviceWorker: true, engine });
  await first.evaluate((url) => window.fallback.fetch('slow-tabs', [url]), url);
  // The handler began (it reads the records later): the first tab goes now.
  await first.waitForFunction(
    async () => (await window.fallback.handlersStarted('slow-tabs')) > 0,
    undefined,
    {
      timeout: 30_000,
    },
  );
  await first.close();

  await waitForStatus(second, 'slow-tabs', 'success');
  expect(await second.evaluate(() => window.fallback.handlersStarted('slow-tabs'))).toBe(1);
  const events = await second.evaluate(() => window.fallback.bridgeEvents());
  expect(events.filter((event) => event.id === 'slow-tabs')).toMatchObject([
    { event: 'backgroundfetchsuccess', records: [{ url, complete: true, bytes: file.size }] },
  ]);
  expect(await recordSha(second, SW_RECORDS_CACHE, url)).toBe(await scope.sha256(file));
  expect(await recordSha(second, DEFAULT_RECORDS, url)).toBeUndefined();
  expect(await second.evaluate(() => window.fallback.storage())).toMatchObject({
    chunks: 0,
    files: 0,
    jobs: [],
    requests: 0,
  });
});
