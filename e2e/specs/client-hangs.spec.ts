import { expect, test } from '../harness/fixtures';
import { openClientPage, waitForReady, waitForStatus } from '../support/client';

/**
 * A client made as the README shows (`serviceWorker: navigator.serviceWorker.ready`) on a page where no service
 * worker is registered, or one that comes late, or a `serviceWorker` promise that never settles: nothing waits for
 * a worker that is not there, the engines use it once it comes, and a finished download always settles.
 */

const KiB = 1024;

test('no service worker registered: ready, fetch() and get() answer, and the page lands the records', async ({
  browser,
  scope,
}) => {
  const file = { name: 'no-worker.bin', size: 200 * KiB };
  const url = scope.fileUrl(file);
  // No `fallback` option: the fallback is part of `auto` by default.
  const page = await openClientPage(browser, scope, { serviceWorker: 'ready' });
  expect(await waitForReady(page)).toBe('ready');
  expect(await page.evaluate(() => window.client.engine())).toBe('fallback');
  expect(await page.evaluate(() => window.client.get('ep'))).toEqual({ type: 'undefined' });
  expect(await page.evaluate((url) => window.client.fetch('ep', [url]), url)).toMatchObject({
    id: 'ep',
    engine: 'fallback',
  });
  await waitForStatus(page, 'ep', 'success');
  expect(await page.evaluate((url) => window.client.recordBytes(url), url)).toBe(file.size);
  expect(await page.evaluate(() => window.client.get('ep'))).toEqual({
    type: 'object',
    id: 'ep',
    status: 'success',
  });
  expect(await page.evaluate(() => window.client.getIds())).toEqual([]);
});

test("engine: 'fallback' with a serviceWorker promise that never settles: a finished download settles", async ({
  browser,
  scope,
}) => {
  const file = { name: 'never.bin', size: 300 * KiB };
  const url = scope.fileUrl(file);
  const page = await openClientPage(browser, scope, {
    engine: 'fallback',
    serviceWorker: 'never',
    fallback: 'given',
  });
  expect(await waitForReady(page)).toBe('ready');
  await page.evaluate((url) => window.client.fetch('ep', [url]), url);
  await waitForStatus(page, 'ep', 'success');
  expect(await page.evaluate((url) => window.client.recordBytes(url), url)).toBe(file.size);
  expect(await page.evaluate(() => window.client.getIds())).toEqual([]);
});

test('a service worker registered after the client: the engines use it once it is there', async ({
  browser,
  scope,
  engine,
}) => {
  const file = { name: 'late.bin', size: 100 * KiB };
  const url = scope.fileUrl(file);
  const page = await openClientPage(browser, scope, { serviceWorker: 'ready' });
  expect(await waitForReady(page)).toBe('ready');
  expect(await page.evaluate(() => window.client.engine())).toBe('fallback');
  expect(await page.evaluate(() => window.client.storeClient())).toMatchObject({
    ready: true,
    engine: 'fallback',
  });
  await page.evaluate(() => window.client.register());
  // Chromium's own Background Fetch becomes usable once the worker is active; elsewhere the fallback stays.
  const expected = engine === 'chromium' ? 'native' : 'fallback';
  await page.waitForFunction((expected) => window.client.engine() === expected, expected);
  // The store follows too, so a React app sees the engine change without asking.
  await page.waitForFunction((expected) => window.client.storeClient().engine === expected, expected);
  await page.evaluate((url) => window.client.fetch('late', [url]), url);
  // Either engine hands the finished fetch to the worker's handlers, which store the record and settle it.
  await waitForStatus(page, 'late', 'success', 60_000);
  expect(await page.evaluate(() => window.client.swSettled())).toEqual(['late']);
  expect(await page.evaluate((url) => window.client.recordBytes(url), url)).toBe(file.size);
});

test('a registration whose worker never activates: ready answers and the fallback lands the download', async ({
  browser,
  scope,
}) => {
  const file = { name: 'stuck.bin', size: 120 * KiB };
  const url = scope.fileUrl(file);
  const page = await browser.newPage();
  await page.goto(new URL('/client/', scope.base).href);
  await page.waitForFunction(() => window.client !== undefined, undefined, { timeout: 30_000 });
  await page.evaluate(() => window.client.registerStuck());
  await page.evaluate(() => window.client.create({ serviceWorker: 'ready' }));
  expect(await waitForReady(page)).toBe('ready');
  expect(await page.evaluate(() => window.client.engine())).toBe('fallback');
  await page.evaluate((url) => window.client.fetch('stuck', [url]), url);
  await waitForStatus(page, 'stuck', 'success');
  expect(await page.evaluate((url) => window.client.recordBytes(url), url)).toBe(file.size);
  expect(await page.evaluate(() => window.client.swSettled())).toEqual([]);
});
