/**
 * Node-side helpers for the fallback specs (specs/fallback*.spec.ts): opening the page, waiting on the store,
 * reading records and the server's log. They run in the test process and drive the page's `window.fallback` API
 * (pages/fallback/api.ts); the page itself is browser code, built by Vite, and never imports this.
 */
import { expect } from '../harness/fixtures';
import type { BrowserSession, TestPage } from '../harness/session';
import type { FallbackPageConfig } from '../pages/fallback/api';
import type { FileRef, Knobs, LogEntry, TestScope } from '../server/types';

export { SW_RECORDS_CACHE } from '../pages/fallback/api';

export const KiB = 1024;
export const MiB = 1024 * KiB;

/** Small chunks and quick retries: every fault test crosses several chunk boundaries in a file of a few MiB. */
export const TEST_ENGINE: NonNullable<FallbackPageConfig['engine']> = {
  chunkSize: 256 * KiB,
  retry: { attempts: 6, baseDelayMs: 20, maxDelayMs: 200, jitter: 0.5 },
  // Long enough that a loaded 2-core CI machine (server and browsers on it) does not look like a stall.
  stallTimeoutMs: 2000,
  // As short: Firefox was seen leaving a request without an answer after the server came back from an outage
  // (about 1 run in 4 of fallback-faults' outage test); the engine's default (60 s) would outlast the test's wait.
  headerTimeoutMs: 2000,
  progressIntervalMs: 50,
};

export const DEFAULT_RECORDS = 'bgfetch:records';

/**
 * Bytes the server wrote that the page never read: when a connection fails, Chromium drops what its network data
 * pipe (512 KiB) still held, and the kernel's socket buffers hold some. The engine re-fetches at most one chunk of
 * what it read; the server's log also counts these.
 */
export const BROWSER_BUFFER = 512 * KiB;

/**
 * A slow first response, so that a test reliably acts (pause, reload, close a tab, go offline, restart) while it is
 * still running however loaded the machine is: 256 KiB/s gives a 2 MiB file 8 s. Set by control, not in the URL,
 * so that `fastAgain` can lift it for the requests that follow (a response keeps the knobs it started with).
 */
export const SLOW = 256 * KiB;

export function slowFirstResponse(scope: TestScope, file: FileRef, knobs: Knobs = {}): void {
  scope.setKnobs(file.name, { ...knobs, throttle: SLOW });
}

export function fastAgain(scope: TestScope, file: FileRef, knobs: Knobs = {}): void {
  scope.setKnobs(file.name, knobs);
}

/** Where the page is opened: a media server scope, or any origin that serves the built pages (`{ base: origin }`). */
export type PageHost = Pick<TestScope, 'base'>;

export async function openFallbackPage(
  browser: BrowserSession,
  scope: PageHost,
  config: Partial<FallbackPageConfig> = {},
): Promise<TestPage> {
  const page = await browser.newPage();
  await startOn(page, scope, config);
  return page;
}

export async function startOn(page: TestPage, scope: PageHost, config: Partial<FallbackPageConfig> = {}) {
  await page.goto(new URL('/fallback/', scope.base).href);
  // The page's module script defines `window.fallback`; WebKit's driver was seen returning from a navigation
  // before it had run (once in 162 tests): wait for it rather than trust the driver's notion of "loaded".
  await page.waitForFunction(() => window.fallback !== undefined, undefined, { timeout: 30_000 });
  await page.evaluate((config) => window.fallback.start(config), {
    serviceWorker: false,
    engine: TEST_ENGINE,
    ...config,
  });
}

/**
 * Waits are bounded but generous: the machine has 2 cores shared by the server, the browsers of both Playwright
 * workers and other runs. A wait ends as soon as its condition holds.
 */
export function waitForStatus(page: TestPage, id: string, status: string, timeout = 30_000) {
  return page.waitForFunction(
    ({ id, status }) => window.fallback.snapshot(id)?.status === status,
    { id, status },
    { timeout },
  );
}

/** Waits until `id` has settled (or shows one of `also`), and returns its status. */
export async function waitForSettled(page: TestPage, id: string, also: string[] = [], timeout = 30_000) {
  const statuses = ['success', 'failure', 'aborted', ...also];
  await page.waitForFunction(
    ({ id, statuses }) => statuses.includes(window.fallback.snapshot(id)?.status ?? ''),
    { id, statuses },
    { timeout },
  );
  return page.evaluate((id) => window.fallback.snapshot(id)?.status, id);
}

export function waitForDownloaded(page: TestPage, id: string, atLeast: number, timeout = 30_000) {
  return page.waitForFunction(
    ({ id, atLeast }) => (window.fallback.snapshot(id)?.downloaded ?? 0) >= atLeast,
    { id, atLeast },
    { timeout },
  );
}

/** The SHA-256 of a stored record, or `null`. */
export async function recordSha(page: TestPage, cacheName: string, url: string) {
  return (
    await page.evaluate(({ cacheName, url }) => window.fallback.record(cacheName, url), { cacheName, url })
  )?.sha256;
}

/** Body bytes the server sent for a file, over every request. */
export async function bytesSent(scope: TestScope, file: FileRef) {
  const log = await scope.settled();
  return log
    .filter((entry) => entry.url.includes(`/files/${file.name}`))
    .reduce((sum, entry) => sum + entry.bytesSent, 0);
}

/** The start offset of a `Range: bytes=N-` request, or `null` for a request without Range. */
export function rangeStart(entry: Pick<LogEntry, 'range'>): number | null {
  if (entry.range === null) return null;
  const match = entry.range.match(/^bytes=(\d+)-$/);
  if (!match) throw new Error(`unexpected Range header: ${entry.range}`);
  return Number(match[1]);
}

/** Did the engine ever report a smaller `downloaded` than just before? (Its raw reports, from the channel.) */
export async function wentDown(page: TestPage, id: string): Promise<boolean> {
  const downloaded = (await page.evaluate((id) => window.fallback.reports(id), id)).map((s) => s.downloaded);
  return downloaded.some((bytes, index) => index > 0 && bytes < downloaded[index - 1]!);
}

/**
 * The scope's log once nothing is in flight, in the order the requests **started**. The server logs a response when
 * it ends, so its own order is by end: a stalled response dropped by the client can end after its resume did.
 */
export async function requestLog(scope: TestScope): Promise<LogEntry[]> {
  return [...(await scope.settled())].sort((a, b) => a.startedAt - b.startedAt);
}

/** Starts `id` (one request, `url`, which must answer slowly) and pauses it once at least one chunk is stored. */
export async function fetchAndPauseAfterAChunk(page: TestPage, id: string, url: string): Promise<void> {
  await page.evaluate(({ id, url }) => window.fallback.fetch(id, [url]), { id, url });
  await waitForDownloaded(page, id, TEST_ENGINE.chunkSize! + 1);
  await page.evaluate((id) => window.fallback.pause(id), id);
  await waitForStatus(page, id, 'paused');
}

/**
 * Starts `id` on a slow first response, pauses it once at least one chunk is stored, and lifts the throttle for
 * what follows (`knobs` stay). Returns the file's URL.
 */
export async function startAndPauseAfterAChunk(
  page: TestPage,
  scope: TestScope,
  id: string,
  file: FileRef,
  knobs: Knobs = {},
): Promise<string> {
  const url = scope.fileUrl(file);
  slowFirstResponse(scope, file, knobs);
  await fetchAndPauseAfterAChunk(page, id, url);
  // Paused means no request in flight: the first response is logged.
  expect(await requestLog(scope)).toMatchObject([{ range: null, incomplete: true }]);
  fastAgain(scope, file, knobs);
  return url;
}
