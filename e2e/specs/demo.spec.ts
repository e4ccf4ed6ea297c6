import { expect } from '../harness/fixtures';
import { demoReady, downloadReloadOfflineAndPlay, isRawSaved, pressDownload, TRAILER } from '../support/demo';
import { expectTrailerStored, openRawPage, demoTest as test } from '../support/demo-test';

/**
 * The podcast demo (examples/podcast), built and served on a media server of its own (support/demo.ts says why),
 * with the engine the browser picks: native Background Fetch in Chromium, the worker fallback in Firefox and WebKit.
 * demo.chromium.spec.ts forces the fallback in Chromium.
 */
test('download an episode, reload with the network off, and play it from the cache', async ({
  browser,
  demo,
  engine,
}) => {
  await downloadReloadOfflineAndPlay(browser, demo, {
    engine: engine === 'chromium' ? 'native' : 'fallback',
  });
});

test('raw.html downloads the same episode on the spec’s own API: the browser’s where it has one, the polyfill elsewhere', async ({
  browser,
  demo,
  engine,
}) => {
  const page = await browser.newPage();
  await openRawPage(page, demo);
  expect(await page.evaluate(() => document.getElementById('api')?.dataset.installed)).toBe(
    engine === 'chromium' ? 'native' : 'polyfill',
  );
  await page.evaluate(pressDownload, TRAILER.slug);
  await page.waitForFunction(isRawSaved, TRAILER.slug, { timeout: 40_000 });

  // The service worker's handler kept it: after a reload the page finds it in Cache Storage, whole.
  await openRawPage(page, demo);
  expect(await page.evaluate(isRawSaved, TRAILER.slug)).toBe(true);
  await expectTrailerStored(page);
});

/** The Downloads view's item for a title: its state and size text, or null (page function). */
const storedItem = (title: string) => {
  const item = [...document.querySelectorAll<HTMLElement>('[data-bgfetch="stored-item"]')].find(
    (each) => each.querySelector('[data-bgfetch="stored-title"]')?.textContent === title,
  );
  if (item === undefined) return null;
  return { state: item.dataset.state, size: item.querySelector('[data-bgfetch="stored-size"]')?.textContent };
};

/** Whether the Downloads view shows the title in that state (page function). */
const storedStateIs = ({ title, state }: { title: string; state: string }) => {
  const item = [...document.querySelectorAll<HTMLElement>('[data-bgfetch="stored-item"]')].find(
    (each) => each.querySelector('[data-bgfetch="stored-title"]')?.textContent === title,
  );
  return item?.dataset.state === state;
};

/** Presses a button of the Downloads view by its accessible name (page function). */
const pressStored = (name: string) => {
  const button = document.querySelector<HTMLButtonElement>(`[data-bgfetch^="stored-"][aria-label="${name}"]`);
  if (button === null) throw new Error(`no button "${name}"`);
  button.click();
};

test('the Downloads view lists the stored episode; removed behind the app it shows missing, "Download again" brings it back, "Delete" removes it', async ({
  browser,
  demo,
  engine,
}) => {
  const page = await browser.newPage();
  await page.goto(demo.url);
  await page.waitForFunction(demoReady, undefined, { timeout: 20_000 });
  await page.waitForFunction(
    (engine) => document.querySelector(`[data-engine="${engine}"]`) !== null,
    engine === 'chromium' ? 'native' : 'fallback',
  );
  await page.evaluate(pressDownload, TRAILER.slug);
  await page.waitForFunction(storedStateIs, { title: TRAILER.title, state: 'complete' }, { timeout: 40_000 });
  expect(await page.evaluate(storedItem, TRAILER.title)).toEqual({
    state: 'complete',
    size: expect.stringMatching(/^\d+(\.\d)? MB$/),
  });

  // The records cache cleared behind the app (a user's tools, a script): after a reload the episode is missing.
  await page.evaluate(() => caches.delete('bgfetch:records'));
  await page.reload();
  await page.waitForFunction(demoReady, undefined, { timeout: 20_000 });
  await page.waitForFunction(storedStateIs, { title: TRAILER.title, state: 'missing' });
  await page.evaluate(pressStored, `Download again: ${TRAILER.title}`);
  await page.waitForFunction(storedStateIs, { title: TRAILER.title, state: 'complete' }, { timeout: 40_000 });

  await page.evaluate(pressStored, `Delete ${TRAILER.title}`);
  await page.evaluate(pressStored, `Delete for good: ${TRAILER.title}`);
  await page.waitForFunction((title) => {
    const titles = [...document.querySelectorAll('[data-bgfetch="stored-title"]')].map(
      (each) => each.textContent,
    );
    return !titles.includes(title);
  }, TRAILER.title);
});
