import { createHash } from 'node:crypto';
import { expect, test } from '../harness/fixtures';
import {
  byUrl,
  crossOrigin,
  describeModes,
  ECHO_KEY,
  echoUrl,
  expectProgressEndsAtResult,
  fetchToTheEnd,
  openConformancePage,
  settledFields,
  startConformance,
  swEvent,
} from '../support/conformance';
import { KiB, requestLog } from '../support/fallback';

/**
 * conformance rules 3, 6 and 11 through the raw API: requests with bodies. `uploadTotal` is the sum of the bodies at
 * `fetch()`, `uploaded` reaches it, two POSTs to one URL are two records, a PUT that needs a CORS preflight is sent,
 * and a body survives a reload. The media server's `/echo` answers what it received.
 */

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What `/echo` answered, as the record's JSON body. */
const echoed = (method: string, body: string) => ({ method, bytes: body.length, sha256: sha256(body) });

describeModes((mode) => {
  test('two POSTs to one URL are two records; uploaded reaches uploadTotal', async ({ browser, scope }) => {
    const bodies = ['a'.repeat(300 * KiB), 'b'.repeat(200 * KiB)];
    const url = echoUrl(scope);
    const page = await openConformancePage(browser, scope, mode);
    const first = await page.evaluate(
      ({ url, bodies }) =>
        window.conformance.fetch(
          'posts',
          bodies.map((body) => ({ url, method: 'POST', body })),
        ),
      { url, bodies },
    );
    // Rule 6: uploadTotal is the sum of the bodies at fetch().
    expect(first).toMatchObject({ uploadTotal: 500 * KiB, uploaded: 0, downloaded: 0, result: '' });

    const final = await settledFields(page, 'posts');
    expect(final).toMatchObject({ result: 'success', uploadTotal: 500 * KiB, uploaded: 500 * KiB });
    const event = await swEvent(page, 'posts');
    expect(event.fields).toMatchObject({ result: 'success', uploaded: 500 * KiB });
    // Two records, one per body (the order of matchAll() is not the request order in Chromium).
    const records = event.records.map(({ url, method, status, json }) => ({ url, method, status, json }));
    const bySize = (a: { json?: unknown }, b: { json?: unknown }) =>
      (a.json as { bytes: number }).bytes - (b.json as { bytes: number }).bytes;
    expect(records.sort(bySize)).toEqual(
      bodies.map((body) => ({ url, method: 'POST', status: 200, json: echoed('POST', body) })).sort(bySize),
    );
    await expectProgressEndsAtResult(page, 'posts', final);
  });

  test('an upload survives a reload of the page that started it', async ({ browser, scope }) => {
    const body = 'r'.repeat(100 * KiB);
    const url = echoUrl(scope);
    // Every answer waits 3 s: the reload finds the upload under way however quickly it started, and so does get().
    // The polyfill's wait for an answer's headers (and for bytes) must outlast that wait.
    const fallback = { stallTimeoutMs: 15_000, headerTimeoutMs: 15_000 };
    scope.setKnobs(ECHO_KEY, { delayMs: 3000 });
    const page = await openConformancePage(browser, scope, mode, { fallback });
    await page.evaluate(
      ({ url, body }) => window.conformance.fetch('reloaded', [{ url, method: 'POST', body }]),
      { url, body },
    );
    await page.reload();
    await startConformance(page, mode, fallback);
    expect((await page.evaluate(() => window.conformance.get('reloaded')))?.fields).toMatchObject({
      uploadTotal: body.length,
      result: '',
    });

    const event = await swEvent(page, 'reloaded');
    expect(event).toMatchObject({ type: 'backgroundfetchsuccess', fields: { uploadTotal: body.length } });
    expect(event.records).toMatchObject([{ url, method: 'POST', status: 200, json: echoed('POST', body) }]);
    const posts = (await requestLog(scope)).filter((entry) => entry.method === 'POST');
    expect(posts.at(-1)).toMatchObject({ bytesReceived: body.length, status: 200, incomplete: false });
  });

  // Native Chromium accepts a request that needs a CORS preflight but never sends it (fetch-error, docs/browsers.md);
  // rule 3's "accepted" half is shown for both modes in conformance-arguments.spec.ts.
  if (mode === 'polyfill') {
    test('a cross-origin PUT that needs a CORS preflight is sent and stored', async ({ browser, scope }) => {
      const body = 'p'.repeat(50 * KiB);
      const url = crossOrigin(echoUrl(scope, '?cors=1'));
      const page = await openConformancePage(browser, scope, mode);
      const put = { url, method: 'PUT', body, headers: { 'Content-Type': 'application/octet-stream' } };
      const { final, event } = await fetchToTheEnd(page, 'put', [put]);
      expect(final).toMatchObject({ result: 'success', uploadTotal: body.length, uploaded: body.length });
      expect(event.records).toMatchObject([{ url, method: 'PUT', status: 200, json: echoed('PUT', body) }]);
      expect(byUrl(await requestLog(scope))).toMatchObject([
        { method: 'OPTIONS', status: 204 },
        { method: 'PUT', status: 200, bytesReceived: body.length },
      ]);
      await expectProgressEndsAtResult(page, 'put', final);
    });
  }
});
