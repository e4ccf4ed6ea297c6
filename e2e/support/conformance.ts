/**
 * Node-side helpers for the conformance specs (specs/conformance-*.spec.ts): the modes each project runs, opening
 * the conformance page in a mode, and waiting on what the raw API and the service worker report. The page itself
 * (pages/conformance/) is browser code and never imports this.
 */
import type { BackgroundFetchOptions } from '@bgfetch/core';
import { expect, test } from '../harness/fixtures';
import type { BrowserSession, TestPage } from '../harness/session';
import {
  type Fields,
  MODES,
  type Mode,
  type RecordSummary,
  type RequestInput,
  type StartOptions,
  type SwEventReport,
} from '../pages/conformance/api';
import type { FileRef, TestScope } from '../server/types';
import { TEST_ENGINE } from './fallback';

export type { Mode } from '../pages/conformance/api';

/**
 * Declares `define`'s tests once per mode: `polyfill` in every project, `native` tagged `@chromium` (only Chromium
 * has the API; playwright.config.ts runs a test tagged `@<engine>` in that engine's project alone).
 */
export function describeModes(define: (mode: Mode) => void): void {
  for (const mode of MODES) {
    test.describe(mode, { tag: mode === 'native' ? '@chromium' : [] }, () => define(mode));
  }
}

/**
 * Bounded but generous: the first native fetch of a browser waits 2–4 s before its first request, native fetches
 * run one at a time, and the machine has 2 shared cores. A wait ends as soon as its condition holds.
 */
export const SETTLE = { timeout: 40_000 };

export interface PageOptions {
  /** The page's Content-Security-Policy. */
  csp?: string;
  /** Fallback engine options over TEST_ENGINE, for the polyfill's install call (polyfill mode). */
  fallback?: StartOptions['fallback'];
}

/** Opens `/conformance/?mode=…` and starts it. */
export async function openConformancePage(
  browser: BrowserSession,
  scope: TestScope,
  mode: Mode,
  { csp, fallback }: PageOptions = {},
): Promise<TestPage> {
  const url = new URL('/conformance/', scope.base);
  url.searchParams.set('mode', mode);
  if (csp !== undefined) url.searchParams.set('csp', csp);
  const page = await browser.newPage();
  await page.goto(url.href);
  await startConformance(page, mode, fallback);
  return page;
}

/** Starts the (re)loaded page: installs the polyfill in polyfill mode, waits for its service worker's control. */
export async function startConformance(
  page: TestPage,
  mode: Mode,
  fallback: StartOptions['fallback'] = {},
): Promise<void> {
  // WebKit's driver was seen returning from a navigation before the module script had run.
  await page.waitForFunction(() => window.conformance !== undefined, undefined, { timeout: 30_000 });
  const { installed } = await page.evaluate((fallback) => window.conformance.start({ fallback }), {
    ...TEST_ENGINE,
    ...fallback,
  });
  expect(installed).toBe(mode === 'polyfill' ? 'polyfill' : null);
}

/** `'ok'`, or the name of the error the page function threw (`page function threw <Name>: …`). */
export function outcome(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => 'ok',
    (error: Error) => /^page function threw (\w+)/.exec(error.message)?.[1] ?? error.message,
  );
}

/** Waits until the registration kept for `id` has a result; returns its figures then. */
export async function settledFields(page: TestPage, id: string): Promise<Fields> {
  await page.waitForFunction((id) => (window.conformance.fields(id)?.result ?? '') !== '', id, SETTLE);
  return (await page.evaluate((id) => window.conformance.fields(id), id))!;
}

/** Waits for the service worker's report of `id`'s event (stored once the handler and its aftermath are done). */
export async function swEvent(page: TestPage, id: string): Promise<SwEventReport> {
  await page.waitForFunction(
    async (id) => (await window.conformance.swEvents()).some((report) => report.fields.id === id),
    id,
    SETTLE,
  );
  const reports = await page.evaluate(() => window.conformance.swEvents());
  const mine = reports.filter((report) => report.fields.id === id);
  expect(mine, `one event for ${id}`).toHaveLength(1);
  return mine[0]!;
}

/**
 * conformance rule 10: every `progress` event before the last saw no result; the last saw the final figures; and the
 * `onprogress` handler ran for each of them.
 */
export async function expectProgressEndsAtResult(
  page: TestPage,
  id: string,
  final: Fields,
): Promise<Fields[]> {
  const { events, onprogress } = await page.evaluate((id) => window.conformance.progress(id), id);
  expect(events.length).toBeGreaterThan(0);
  expect(events.slice(0, -1).filter((fields) => fields.result !== '')).toEqual([]);
  const { result, failureReason, downloaded, uploaded } = final;
  expect(events.at(-1)).toMatchObject({ result, failureReason, downloaded, uploaded });
  expect(onprogress).toBe(events.length);
  return events;
}

/** Records sorted by URL, then method (Chromium's matchAll() does not keep request order). */
export function byUrl<T extends { url: string; method: string }>(records: T[]): T[] {
  return [...records].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
}

/** The same URL on the media server's other origin (`localhost` instead of the page's `127.0.0.1`). */
export function crossOrigin(url: string): string {
  return url.replace('//127.0.0.1:', '//localhost:');
}

/** The media server's upload endpoint in this scope; its knobs go by the key `uploads/echo`. */
export const ECHO_KEY = 'uploads/echo';
export const echoUrl = (scope: TestScope, query = '') => `${scope.base}/${ECHO_KEY}${query}`;

/** What a record of `file`, fetched whole with a 200, shows through `responseReady` (rule 13: no Content-Range). */
export async function wholeRecord(scope: TestScope, url: string, file: FileRef): Promise<RecordSummary> {
  return {
    url,
    method: 'GET',
    status: 200,
    contentRange: null,
    bytes: file.size,
    sha256: await scope.sha256(file),
  };
}

/** A record that holds a 404 response (its body is not compared: Chromium stores none for a non-2xx). */
export const notFoundRecord = (url: string): RecordSummary => ({
  url,
  method: 'GET',
  status: 404,
  contentRange: null,
});

/** Starts `id` with `requests`, then waits for its result and for the service worker's report of its event. */
export async function fetchToTheEnd(
  page: TestPage,
  id: string,
  requests: RequestInput[],
  options?: BackgroundFetchOptions,
): Promise<{ final: Fields; event: SwEventReport }> {
  await page.evaluate((args) => window.conformance.fetch(args.id, args.requests, args.options), {
    id,
    requests,
    options,
  });
  const final = await settledFields(page, id);
  return { final, event: await swEvent(page, id) };
}
