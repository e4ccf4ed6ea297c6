import { expect, test } from '../harness/fixtures';
import {
  DEFAULT_RECORDS,
  KiB,
  MiB,
  openFallbackPage,
  recordSha,
  startOn,
  waitForStatus,
} from '../support/fallback';
import { sriOf } from '../support/sri';

/**
 * The fallback engine with no service worker: the page-side handler lands the records through core's one landing
 * path, as the service worker's handler does (index entry, verification, a stored copy replaced only by a verified
 * one), and the client settles stored downloads from that index on `ready`, with no call of the app's.
 */

test('no service worker: the records are indexed, getFetchResponses finds them in request order', async ({
  browser,
  scope,
}) => {
  const files = [
    { name: 'episode.bin', size: MiB + 5 },
    { name: 'artwork.bin', size: 20 * KiB },
  ];
  const urls = files.map((file) => scope.fileUrl(file));
  const page = await openFallbackPage(browser, scope);
  await page.evaluate((urls) => window.fallback.fetch('indexed', urls), urls);
  await waitForStatus(page, 'indexed', 'success');
  expect(await page.evaluate(() => window.fallback.fetchResponses('indexed'))).toEqual(urls);
  for (const [index, file] of files.entries())
    expect(await recordSha(page, DEFAULT_RECORDS, urls[index]!)).toBe(await scope.sha256(file));
});

test('sha384 and sha512 integrity are checked, the strongest given decides; a failed re-run keeps the stored copy', async ({
  browser,
  scope,
}) => {
  const file = { name: 'sri.bin', size: 600 * KiB };
  const url = scope.fileUrl(file);
  const other = scope.fileUrl({ name: 'other.bin', size: 600 * KiB });
  const page = await openFallbackPage(browser, scope);
  const run = async (id: string, integrity: string, status: 'success' | 'failure') => {
    await page.evaluate(({ id, url, integrity }) => window.fallback.fetch(id, [{ url, integrity }]), {
      id,
      url,
      integrity,
    });
    await waitForStatus(page, id, status);
  };

  await run('good', await sriOf(url, 'sha512'), 'success');
  await run('good', await sriOf(other, 'sha384'), 'failure');
  expect(await page.evaluate(() => window.fallback.snapshot('good'))).toMatchObject({
    failureReason: 'fetch-error',
  });
  await run('strongest', `${await sriOf(url, 'sha256')} ${await sriOf(other, 'sha512')}`, 'failure');
  await run('strongest-ok', `${await sriOf(other, 'sha256')} ${await sriOf(url, 'sha384')}`, 'success');
  expect(await recordSha(page, DEFAULT_RECORDS, url)).toBe(await scope.sha256(file));
  expect(await page.evaluate(() => window.fallback.fetchResponses('good'))).toEqual([url]);
});

test('after a reload a stored download shows as downloaded, with no call of the app', async ({
  browser,
  scope,
}) => {
  const url = scope.fileUrl({ name: 'kept.bin', size: 300 * KiB });
  const page = await openFallbackPage(browser, scope);
  await page.evaluate((url) => window.fallback.fetch('kept', [url], { title: 'Kept' }), url);
  await waitForStatus(page, 'kept', 'success');

  await page.reload();
  await startOn(page, scope);
  expect(await page.evaluate(() => window.fallback.snapshot('kept'))).toMatchObject({
    id: 'kept',
    engine: 'fallback',
    status: 'success',
    result: 'success',
    recordsAvailable: false,
  });
});
