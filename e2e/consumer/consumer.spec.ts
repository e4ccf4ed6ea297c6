import type { TestPage } from '../harness/session';
import { expect, test } from './app';
import { EPISODE_PATH } from './constants';

/** One page of the template: where it shows the download's state, and its "Download" button. */
interface TemplatePage {
  path: string;
  /** The element whose `data-state` is the download's state (`idle` before a press) and whose text says it. */
  state: string;
  button: string;
}

/** src/main.tsx: the React quick start (`DownloadButton`). */
const reactPage: TemplatePage = {
  path: '/',
  state: '[data-bgfetch="download"]',
  button: 'button[aria-label="Download Episode 42"]',
};
/** src/vanilla.ts: core's quick start, no framework. */
const vanillaPage: TemplatePage = { path: '/vanilla.html', state: '#status', button: '#download' };

const shown = (page: TestPage, { state }: TemplatePage) =>
  page.evaluate((selector) => {
    const element = document.querySelector(selector);
    return element ? { state: element.getAttribute('data-state'), text: element.textContent } : null;
  }, state);

function waitForState(page: TestPage, { state }: TemplatePage, wanted: string, timeout = 10_000) {
  return page.waitForFunction(
    ({ selector, value }) => document.querySelector(selector)?.getAttribute('data-state') === value,
    { selector: state, value: wanted },
    { timeout },
  );
}

/** Hex SHA-256 of what Cache Storage holds for a path of the page's origin, or null when nothing. */
function storedSha256(page: TestPage, path: string) {
  return page.evaluate(async (url) => {
    const stored = await caches.match(new URL(url, location.href).href);
    if (!stored) return null;
    const digest = await crypto.subtle.digest('SHA-256', await stored.arrayBuffer());
    return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  }, path);
}

/** What a newcomer does with a quick-start page: press "Download", wait for it, reload. */
async function downloadAndReload(page: TestPage, origin: string, template: TemplatePage, sha256: string) {
  await page.goto(`${origin}${template.path}`);
  await waitForState(page, template, 'idle');
  await page.evaluate((selector) => {
    const button = document.querySelector<HTMLButtonElement>(selector);
    if (!button) throw new Error(`no button ${selector}`);
    button.click();
  }, template.button);
  await waitForState(page, template, 'success', 45_000);
  expect(await shown(page, template)).toEqual({ state: 'success', text: 'Downloaded' });
  expect(await storedSha256(page, `/${EPISODE_PATH}`)).toBe(sha256);

  await page.reload();
  await waitForState(page, template, 'success');
  expect(await shown(page, template)).toEqual({ state: 'success', text: 'Downloaded' });
}

test('the React quick start, built: "Download" stores the episode in Cache Storage, and after a reload it still reads "Downloaded"', async ({
  browser,
  app,
}) => {
  await downloadAndReload(await browser.newPage(), app.origin, reactPage, await app.episodeSha256());
});

test('core quick start (no framework), built: the same', async ({ browser, app }) => {
  await downloadAndReload(await browser.newPage(), app.origin, vanillaPage, await app.episodeSha256());
});

test.describe('its service worker built by vite-plugin-pwa (injectManifest)', () => {
  test.use({ serving: 'preview-pwa' });

  test('the React quick start downloads and keeps the episode', async ({ browser, app }) => {
    await downloadAndReload(await browser.newPage(), app.origin, reactPage, await app.episodeSha256());
  });
});

test.describe('on the Vite dev server @chromium', () => {
  test.use({ serving: 'dev' });

  test('the React quick start, its service worker served from source, downloads and keeps the episode', async ({
    browser,
    app,
  }) => {
    await downloadAndReload(await browser.newPage(), app.origin, reactPage, await app.episodeSha256());
  });
});
