import { expect, test } from '../harness/fixtures';
import type { RequestInput } from '../pages/conformance/api';
import type { TestScope } from '../server/types';
import {
  crossOrigin,
  describeModes,
  echoUrl,
  type Mode,
  openConformancePage,
  outcome,
  SETTLE,
  settledFields,
} from '../support/conformance';
import { KiB, MiB } from '../support/fallback';

/**
 * conformance rules 1–5, 7 and 9 through the raw API: what `fetch()` refuses (and with which error), what it
 * accepts, ids, and the lookups `get()` / `getIds()`.
 */

interface BadCall {
  label: string;
  requests: RequestInput[];
  options?: { downloadTotal: number };
  error: 'TypeError' | 'QuotaExceededError';
}

/** Rules 2 and 5: calls refused before anything starts, a bad request in first or later position. */
function badCalls(scope: TestScope, mode: Mode): BadCall[] {
  const valid = scope.fileUrl({ name: 'valid.bin', size: KiB });
  const withCredentials = (credentials: string) => valid.replace('http://', `http://${credentials}@`);
  const calls: BadCall[] = [
    { label: 'an empty request list', requests: [], error: 'TypeError' },
    { label: 'a no-cors request', requests: [valid, { url: valid, mode: 'no-cors' }], error: 'TypeError' },
    { label: 'user:pass@', requests: [withCredentials('user:pass')], error: 'TypeError' },
    { label: 'user:@', requests: [valid, withCredentials('user:')], error: 'TypeError' },
    { label: ':pass@', requests: [withCredentials(':pass')], error: 'TypeError' },
    { label: 'a newline and < (dangling markup)', requests: [`${valid}&x=\n<b`], error: 'TypeError' },
    { label: 'wss:', requests: ['wss://127.0.0.1/a'], error: 'TypeError' },
    { label: 'file:', requests: [valid, 'file:///etc/hostname'], error: 'TypeError' },
    { label: 'data:', requests: ['data:text/plain,x'], error: 'TypeError' },
    { label: 'an unknown scheme', requests: ['bgfetch-test://host/a'], error: 'TypeError' },
    { label: 'the blocked port 587', requests: [valid, 'https://example.com:587/a'], error: 'TypeError' },
    {
      label: 'a downloadTotal no storage can hold',
      requests: [valid],
      options: { downloadTotal: Number.MAX_SAFE_INTEGER },
      error: 'QuotaExceededError',
    },
  ];
  // Native Chromium accepts mixed content (docs/browsers.md), and starts fetching it: polyfill mode only.
  if (mode === 'polyfill') {
    calls.push({ label: 'mixed content', requests: [valid, 'http://example.com/a'], error: 'TypeError' });
  }
  return calls;
}

describeModes((mode) => {
  test('fetch() refuses bad arguments and what the CSP forbids, with the spec error types; get() and getIds()', async ({
    browser,
    scope,
  }) => {
    const page = await openConformancePage(browser, scope, mode);
    for (const [index, { label, requests, options, error }] of badCalls(scope, mode).entries()) {
      const call = page.evaluate((args) => window.conformance.fetch(args.id, args.requests, args.options), {
        id: `bad-${index}`,
        requests,
        options,
      });
      expect(await outcome(call), label).toBe(error);
    }
    // Rule 7: get() without an id is a TypeError; an unknown id resolves to undefined.
    const lookups = await page.evaluate(async () => {
      const manager = (await navigator.serviceWorker.ready).backgroundFetch;
      const withoutId = manager as unknown as { get(): Promise<unknown> };
      return {
        withoutId: await withoutId.get().then(
          () => 'ok',
          (error: Error) => error.name,
        ),
        unknown: String(await manager.get('unknown')),
        ids: await manager.getIds(),
      };
    });
    expect(lookups).toEqual({ withoutId: 'TypeError', unknown: 'undefined', ids: [] });
    // Rules 1 and 7: without an active service worker fetch() is refused; get() and getIds() still work.
    expect(await page.evaluate(() => window.conformance.withoutActiveWorker())).toEqual({
      active: false,
      fetch: 'TypeError',
      get: 'undefined',
      getIds: [],
    });
    // After that refusal the page's active registration still answers, and a fetch there still starts (with the
    // polyfill, Firefox and WebKit once left every later call of the page waiting for ever here).
    expect(await page.evaluate(() => window.conformance.get('none'))).toBeNull();
    expect(await page.evaluate(() => window.conformance.getIds())).toEqual([]);

    // Rule 2: a URL the page's CSP connect-src forbids. The policy is in force: the page's own fetch() fails too.
    const strict = await openConformancePage(browser, scope, mode, { csp: "connect-src 'self'" });
    const forbidden = crossOrigin(scope.fileUrl({ name: 'forbidden.bin', size: KiB }));
    expect(await outcome(strict.evaluate((url) => fetch(url).then(() => 'fetched'), forbidden))).toBe(
      'TypeError',
    );
    expect(await outcome(strict.evaluate((url) => window.conformance.fetch('csp', [url]), forbidden))).toBe(
      'TypeError',
    );

    expect(await strict.evaluate(() => window.conformance.getIds())).toEqual([]);
    expect(scope.log()).toEqual([]);
  });

  test('fetch() accepts https:, loopback http:, the empty URL, ports 80/443/8080 and a PUT that needs a preflight', async ({
    browser,
    scope,
  }) => {
    const page = await openConformancePage(browser, scope, mode);
    const file = scope.fileUrl({ name: 'allowed.bin', size: KiB });
    const requests: RequestInput[] = [
      '',
      file,
      crossOrigin(file),
      file.replace('127.0.0.1', '[::1]'),
      file.replace('http:', 'https:'),
      'http://127.0.0.1:80/a',
      'https://127.0.0.1:443/a',
      'http://localhost:8080/a',
      {
        url: crossOrigin(echoUrl(scope, '?cors=1')),
        method: 'PUT',
        body: 'preflighted',
        headers: { 'Content-Type': 'application/octet-stream' },
      },
      // Keeps the fetch active until it is aborted (4 s), whatever the others do.
      scope.fileUrl({ name: 'slow.bin', size: MiB }, { throttle: 256 * KiB }),
    ];
    const started = await page.evaluate(
      (requests) => window.conformance.fetch('allowed', requests),
      requests,
    );
    expect(started).toMatchObject({ id: 'allowed', result: '' });
    expect(await page.evaluate(() => window.conformance.abort('allowed'))).toBe(true);
  });

  test('an active id is refused; a settled one leaves getIds() and can be used again', async ({
    browser,
    scope,
  }) => {
    const small = scope.fileUrl({ name: 'small.bin', size: 10 * KiB });
    const slow = scope.fileUrl({ name: 'slow.bin', size: MiB }, { throttle: 256 * KiB });
    const page = await openConformancePage(browser, scope, mode);
    await page.evaluate((url) => window.conformance.fetch('done', [url]), small);
    expect(await settledFields(page, 'done')).toMatchObject({ result: 'success' });

    await page.evaluate((url) => window.conformance.fetch('twice', [url]), slow);
    // Rule 9: every active fetch, and no settled one.
    expect(await page.evaluate(() => window.conformance.getIds())).toEqual(['twice']);
    // Rule 4: the id is taken while its fetch is active.
    expect(await outcome(page.evaluate((url) => window.conformance.fetch('twice', [url]), small))).toBe(
      'TypeError',
    );
    expect(await page.evaluate(() => window.conformance.abort('twice'))).toBe(true);
    await page.waitForFunction(
      async () => (await window.conformance.getIds()).length === 0,
      undefined,
      SETTLE,
    );
    await page.evaluate((url) => window.conformance.fetch('twice', [url]), small);
    expect(await settledFields(page, 'twice')).toMatchObject({ result: 'success', downloaded: 10 * KiB });
  });
});
