import type { TestPage } from '../harness/session';
import { expect, test } from './app';
import { EPISODE_PATH } from './constants';

/** The template's `DownloadButton` root: its `data-state`, and its text. */
const readButton = () => {
  const root = document.querySelector('[data-bgfetch="download"]');
  return root ? { state: root.getAttribute('data-state'), text: root.textContent } : null;
};

function waitForState(page: TestPage, state: string, timeout = 10_000) {
  return page.waitForFunction(
    (wanted) => document.querySelector('[data-bgfetch="download"]')?.getAttribute('data-state') === wanted,
    state,
    { timeout },
  );
}

/** Hex SHA-256 of what Cache Storage holds for a URL of this origin, or null when nothing. */
function storedSha256(page: TestPage, path: string) {
  return page.evaluate(async (url) => {
    const stored = await caches.match(new URL(url, location.href).href);
    if (!stored) return null;
    const digest = await crypto.subtle.digest('SHA-256', await stored.arrayBuffer());
    return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  }, path);
}

/** What a newcomer does with the README's page: press "Download", wait, reload. */
async function downloadAndReload(page: TestPage, origin: string, expectedSha256: string) {
  await page.goto(`${origin}/`);
  await waitForState(page, 'idle');
  await page.evaluate(() => {
    const button = document.querySelector<HTMLButtonElement>('button[aria-label="Download Episode 42"]');
    if (!button) throw new Error('no "Download Episode 42" button');
    button.click();
  });
  await waitForState(page, 'success', 45_000);
  expect(await page.evaluate(readButton)).toEqual({ state: 'success', text: 'Downloaded' });
  expect(await storedSha256(page, `/${EPISODE_PATH}`)).toBe(expectedSha256);

  await page.reload();
  await waitForState(page, 'success');
  expect(await page.evaluate(readButton)).toEqual({ state: 'success', text: 'Downloaded' });
}

test('the README page, built: "Download" stores the episode in Cache Storage, and after a reload it still reads "Downloaded"', async ({
  browser,
  app,
}) => {
  await downloadAndReload(await browser.newPage(), app.origin, await app.episodeSha256());
});

test.describe('its service worker built by vite-plugin-pwa (injectManifest)', () => {
  test.use({ serving: 'preview-pwa' });

  test('the same page downloads and keeps the episode', async ({ browser, app }) => {
    await downloadAndReload(await browser.newPage(), app.origin, await app.episodeSha256());
  });
});

test.describe('on the Vite dev server @chromium', () => {
  test.use({ serving: 'dev' });

  test('the same page, its service worker served from source, downloads and keeps the episode', async ({
    browser,
    app,
  }) => {
    await downloadAndReload(await browser.newPage(), app.origin, await app.episodeSha256());
  });
});
