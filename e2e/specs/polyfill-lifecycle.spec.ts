import { expect, test } from '../harness/fixtures';
import { openConformancePage, settledFields, swEvent, wholeRecord } from '../support/conformance';
import { fastAgain, MiB, requestLog, slowFirstResponse, TEST_ENGINE } from '../support/fallback';

/**
 * What the polyfill does beyond the spec's own promises, on the raw API, in polyfill mode in every engine: a fetch
 * survives a browser restart on the same profile and resumes on the next visit, from its last stored chunk
 * (Chromium's own Background Fetch fails after a restart here, docs/browsers.md); and tabs share one download.
 */
test('a polyfilled fetch survives a browser restart: get() finds it on the next visit, it resumes with Range and succeeds whole', async ({
  browser,
  scope,
}) => {
  // Slow throughout (256 KiB/s, 8 s for the file), so the fetch is still running when the next visit looks.
  const file = { name: 'restart.bin', size: 2 * MiB };
  const url = scope.fileUrl(file);
  slowFirstResponse(scope, file);
  const page = await openConformancePage(browser, scope, 'polyfill');
  await page.evaluate((url) => window.conformance.fetch('restarted', [url]), url);
  await page.waitForFunction(
    (atLeast) => (window.conformance.fields('restarted')?.downloaded ?? 0) > atLeast,
    TEST_ENGINE.chunkSize!,
  );

  await browser.restart();
  const next = await openConformancePage(browser, scope, 'polyfill');
  expect((await next.evaluate(() => window.conformance.get('restarted')))?.fields).toMatchObject({
    id: 'restarted',
    result: '',
  });
  expect(await settledFields(next, 'restarted')).toMatchObject({ result: 'success', downloaded: file.size });
  const event = await swEvent(next, 'restarted');
  expect(event).toMatchObject({ type: 'backgroundfetchsuccess' });
  expect(event.records).toEqual([await wholeRecord(scope, url, file)]);
  // The next visit asked for the rest, not the whole file again.
  expect((await requestLog(scope)).at(-1)?.range).toMatch(/^bytes=[1-9]\d*-$/);
});

test('two tabs: the second follows the first tab’s fetch with progress events, and takes over when it closes', async ({
  browser,
  scope,
}) => {
  const file = { name: 'shared.bin', size: 2 * MiB };
  const url = scope.fileUrl(file);
  slowFirstResponse(scope, file);
  const first = await openConformancePage(browser, scope, 'polyfill');
  await first.evaluate((url) => window.conformance.fetch('shared', [url]), url);
  const second = await openConformancePage(browser, scope, 'polyfill');
  expect((await second.evaluate(() => window.conformance.get('shared')))?.fields).toMatchObject({
    result: '',
  });
  // Progress events in the tab that does not download (the figures come over the fallback's channel), until a chunk
  // is stored for the next tab to resume from.
  await second.waitForFunction(
    (atLeast) => window.conformance.progress('shared').events.some((fields) => fields.downloaded > atLeast),
    TEST_ENGINE.chunkSize!,
  );

  fastAgain(scope, file);
  await first.close();
  expect(await settledFields(second, 'shared')).toMatchObject({ result: 'success', downloaded: file.size });
  expect((await swEvent(second, 'shared')).records).toEqual([await wholeRecord(scope, url, file)]);
  // One tab at a time: the first tab's request, then the second's resume from a stored chunk.
  const log = await requestLog(scope);
  expect(log).toHaveLength(2);
  expect(log[1]?.range).toMatch(/^bytes=[1-9]\d*-$/);
});
