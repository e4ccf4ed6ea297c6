import { expect } from '../harness/fixtures';
import type { BrowserSession, TestPage } from '../harness/session';
import { PROBE_LATE, PROBE_TWICE } from '../pages/sw/expected';
import type { FileRef, TestScope } from '../server/types';

/** What sw-native.chromium.spec.ts and sw-bridge.spec.ts share: the page driver and the common assertions. */

export const KiB = 1024;
export const MiB = 1024 * KiB;

/** Two files of an "episode": one over several chunks with an odd tail, one small. */
export const EPISODE_FILES: FileRef[] = [
  { name: 'episode.bin', size: 3 * MiB + 123 },
  { name: 'artwork.bin', size: 40 * KiB },
];

/**
 * Opens `/<pageName>/` and starts it: `removeNative` runs the bridge with Chromium's API gone, `fallbackEngine` gives
 * the page core's fallback engine.
 */
export async function openSwPage(
  browser: BrowserSession,
  scope: TestScope,
  { pageName = 'sw', removeNative = false, fallbackEngine = false } = {},
): Promise<TestPage> {
  const page = await browser.newPage();
  await page.goto(new URL(`/${pageName}/`, scope.base).href);
  await page.waitForFunction(() => window.swKit !== undefined);
  await page.evaluate((options) => window.swKit.start(options), { removeNative, fallbackEngine });
  return page;
}

export function waitForStatus(page: TestPage, id: string, status: string, timeout: number) {
  return page.waitForFunction(
    ({ id, status }) => window.swKit.snapshot(id)?.status === status,
    { id, status },
    { timeout },
  );
}

/** What the probe in the test worker saw of `probe-twice` (updateUI twice) or `probe-late` (after waitUntil). */
export async function expectProbe(page: TestPage, id: 'probe-twice' | 'probe-late', timeout: number) {
  await page.waitForFunction(async (id) => (await window.swKit.probe(id)) !== undefined, id, { timeout });
  const probe = await page.evaluate((id) => window.swKit.probe(id), id);
  if (id === 'probe-twice') {
    expect(probe).toEqual(PROBE_TWICE);
  } else {
    expect(probe).toMatchObject(PROBE_LATE);
    expect(probe?.lateUpdateUIMessage).toMatch(/no longer active/);
  }
}

/** Each file is in the records cache, byte-exact (SHA-256 against the server's). */
export async function expectCached(page: TestPage, scope: TestScope, files: FileRef[], urls: string[]) {
  for (const [index, file] of files.entries()) {
    const cached = await page.evaluate((url) => window.swKit.cached(url), urls[index]!);
    expect(cached).toEqual({ bytes: file.size, sha256: await scope.sha256(file) });
  }
}

/** A fetch of a good file and a 404 settled: the good file stored, the 404 not, and both named in the outcome. */
export async function expectAfter404(
  page: TestPage,
  scope: TestScope,
  id: string,
  good: { file: FileRef; url: string },
  missingUrl: string,
) {
  await expectCached(page, scope, [good.file], [good.url]);
  expect(await page.evaluate((url) => window.swKit.cached(url), missingUrl)).toBeNull();
  const stored = await page.evaluate((id) => window.swKit.storedFetch(id), id);
  expect(stored?.urls).toEqual([good.url]);
  expect(stored?.outcome?.registration).toMatchObject({ result: 'failure', failureReason: 'bad-status' });
  // Chromium's matchAll() does not give the records in request order.
  const records = [...(stored?.outcome?.records ?? [])].sort((a, b) => a.url.localeCompare(b.url));
  const expected = [
    { url: good.url, method: 'GET', status: 200, bytes: good.file.size, stored: true },
    {
      url: missingUrl,
      method: 'GET',
      status: 404,
      bytes: 0,
      stored: false,
      problem: 'bad-status',
      message: 'HTTP 404',
    },
  ].sort((a, b) => a.url.localeCompare(b.url));
  expect(records).toEqual(expected);
  expect(stored?.outcome?.ui?.title).toBe(
    `${id} failed: ${new URL(missingUrl).pathname.split('/').pop()} (HTTP 404)`,
  );
}
