import { expect, test } from '../harness/fixtures';
import { openClientPage, waitForReady, waitForStatus } from '../support/client';
import { outcome } from '../support/conformance';

/**
 * Every string id the spec allows works, including the names of `Object.prototype`'s members, and an id the kit
 * could not store (a lone surrogate: not a well-formed string) is refused up front with a TypeError.
 */

const ODD_IDS = ['constructor', 'toString', '__proto__', 'hasOwnProperty'];

test('ids named like Object.prototype members: unknown before, then fetched, listed and settled like any other', async ({
  browser,
  scope,
}) => {
  const page = await openClientPage(browser, scope, { serviceWorker: 'none' });
  expect(await waitForReady(page)).toBe('ready');
  for (const id of ODD_IDS) {
    expect(await page.evaluate((id) => window.client.get(id), id)).toEqual({ type: 'undefined' });
  }
  const urls = ODD_IDS.map((_, index) =>
    scope.fileUrl({ name: `odd-${index}.bin`, size: 1024 * (index + 1) }),
  );
  for (const [index, id] of ODD_IDS.entries()) {
    const first = await page.evaluate(({ id, url }) => window.client.fetch(id, [url]), {
      id,
      url: urls[index]!,
    });
    expect(first).toMatchObject({ id, engine: 'fallback' });
  }
  expect((await page.evaluate(() => window.client.storeIds())).sort()).toEqual([...ODD_IDS].sort());
  for (const [index, id] of ODD_IDS.entries()) {
    await waitForStatus(page, id, 'success');
    expect(await page.evaluate((id) => window.client.get(id), id)).toEqual({
      type: 'object',
      id,
      status: 'success',
    });
    expect(await page.evaluate((url) => window.client.recordBytes(url), urls[index]!)).toBe(
      1024 * (index + 1),
    );
  }
  expect(await page.evaluate(() => window.client.getIds())).toEqual([]);
});

test('an id with a lone surrogate is refused with a TypeError, and the page carries on', async ({
  browser,
  scope,
}) => {
  const url = scope.fileUrl({ name: 'surrogate.bin', size: 1024 });
  const page = await openClientPage(browser, scope, { serviceWorker: 'none' });
  expect(await waitForReady(page)).toBe('ready');
  // Built in the page: a lone surrogate does not survive the JSON that carries arguments there.
  expect(
    await outcome(
      page.evaluate((url) => window.client.fetch(`ep${String.fromCharCode(0xd83d)}`, [url]), url),
    ),
  ).toBe('TypeError');
  expect(await outcome(page.evaluate(() => window.client.get(`ep${String.fromCharCode(0xdc00)}x`)))).toBe(
    'TypeError',
  );
  expect(await page.evaluate(() => window.client.storeIds())).toEqual([]);
  // A whole emoji is a well-formed id.
  await page.evaluate((url) => window.client.fetch('ep\u{1F399}', [url]), url);
  await waitForStatus(page, 'ep\u{1F399}', 'success');
  expect(await page.evaluate(() => window.client.getIds())).toEqual([]);
});
