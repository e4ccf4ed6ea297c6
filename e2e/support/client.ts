/**
 * Node-side helpers for specs/client-*.spec.ts: opening the client page (pages/client/) and waiting on its state.
 */
import type { BrowserSession, TestPage } from '../harness/session';
import type { ClientPageConfig } from '../pages/client/api';
import type { TestScope } from '../server/types';

export async function openClientPage(
  browser: BrowserSession,
  scope: TestScope,
  config: ClientPageConfig,
): Promise<TestPage> {
  const page = await browser.newPage();
  await page.goto(new URL('/client/', scope.base).href);
  await page.waitForFunction(() => window.client !== undefined, undefined, { timeout: 30_000 });
  await page.evaluate((config) => window.client.create(config), config);
  return page;
}

/** `ready` must resolve with no service worker to wait for: a few seconds on a loaded machine, never "for ever". */
export async function waitForReady(page: TestPage): Promise<string | null> {
  await page.waitForFunction(() => window.client.readyState() !== null, undefined, { timeout: 15_000 });
  return page.evaluate(() => window.client.readyState());
}

export function waitForStatus(page: TestPage, id: string, status: string, timeout = 30_000) {
  return page.waitForFunction(
    ({ id, status }) => window.client.snapshot(id)?.status === status,
    { id, status },
    { timeout },
  );
}
