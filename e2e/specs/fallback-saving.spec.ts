import { expect, test } from '../harness/fixtures';
import { MiB, openFallbackPage, waitForStatus } from '../support/fallback';

/**
 * Progress a person can read on the fallback engine: without the app's `downloadTotal` the request's total comes from
 * its answer's `Content-Length`, and between the last byte and the verdict (the records being stored and verified,
 * seconds for a large file) the fetch shows `saving`, with no result yet.
 */

test('a large download shows its total while fetching, then saving, then success', async ({
  browser,
  scope,
}) => {
  const file = { name: 'saving.bin', size: 24 * MiB + 7 };
  const page = await openFallbackPage(browser, scope);
  await page.evaluate((url) => window.fallback.fetch('saving', [url]), scope.fileUrl(file));
  await waitForStatus(page, 'saving', 'success', 60_000);

  const history = await page.evaluate(() => window.fallback.history('saving'));
  const fetching = history.filter((snapshot) => snapshot.status === 'fetching');
  expect(fetching.length).toBeGreaterThan(0);
  expect(fetching.at(-1)?.requests[0]?.downloadTotal).toBe(file.size);
  const statuses = history
    .map((snapshot) => snapshot.status)
    .filter((status, at, all) => status !== all[at - 1]);
  expect(statuses.slice(-3)).toEqual(['fetching', 'saving', 'success']);
  expect(history.find((snapshot) => snapshot.status === 'saving')).toMatchObject({
    result: '',
    downloaded: file.size,
  });
});
