/**
 * Node-side helpers for the specs against Debian's nginx (specs/real-servers*.spec.ts), on top of the fallback
 * helpers (`support/fallback.ts`): the same page, the same waits, nginx's log instead of the media server's.
 */
import type { FetchOptions, RegistrationSnapshot } from '@bgfetch/core';
import type { CuttingProxy } from '../harness/cutting-proxy';
import type { NginxSite } from '../harness/nginx-fixtures';
import type { TestPage } from '../harness/session';
import { TEST_ENGINE } from './fallback';

/**
 * The test engine (small chunks, a short stall timeout) with the engine's **default** retry policy, as an app gets
 * it: what a permanent error costs is measured against the policy users run, not the tests' quick one.
 */
export const DEFAULT_RETRY_ENGINE = (({ retry: _, ...rest }) => rest)(TEST_ENGINE);

/**
 * Waits until `id` settles (any result) and returns its snapshot; after `timeoutMs` throws with what it is doing
 * instead (status, bytes, how many requests nginx saw), so a failing test says how far it got.
 */
export async function settledWithin(
  page: TestPage,
  site: NginxSite,
  id: string,
  timeoutMs: number,
): Promise<RegistrationSnapshot> {
  try {
    await page.waitForFunction((id) => (window.fallback.snapshot(id)?.result ?? '') !== '', id, {
      timeout: timeoutMs,
    });
  } catch (error) {
    const snapshot = await page.evaluate((id) => window.fallback.snapshot(id), id);
    const requests = (await site.log()).length;
    throw new Error(
      `${id} not settled after ${timeoutMs} ms: status ${snapshot?.status}, ${snapshot?.downloaded} bytes, ` +
        `${requests} requests in nginx's log (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return (await page.evaluate((id) => window.fallback.snapshot(id), id))!;
}

/**
 * Starts fetch `id` of `urls` with `proxy` armed to cut the first connection that passes on `cutAt` more bytes, and
 * waits for that cut: the download goes on by itself after it (a resume, or a restart).
 */
export async function fetchAcrossACut(
  page: TestPage,
  proxy: CuttingProxy,
  cutAt: number,
  id: string,
  urls: string[],
  options: FetchOptions = {},
): Promise<void> {
  proxy.cutAfter(cutAt);
  const cut = proxy.nextCut();
  await page.evaluate(({ id, urls, options }) => window.fallback.fetch(id, urls, options), {
    id,
    urls,
    options,
  });
  await cut;
}

/** How long the engine took from the start of a fetch to its latest report (the settling one, once settled). */
export function elapsed(snapshot: RegistrationSnapshot): number {
  return snapshot.updatedAt - snapshot.startedAt;
}
