import { audioBytes, audioUrl } from '../../examples/podcast/src/episodes';
import { test as base, expect } from '../harness/fixtures';
import type { TestPage } from '../harness/session';
import { demoFixture, demoReady, type RunningDemo, TRAILER } from './demo';

/** The harness's test with the demo built and served once per worker (`demo`), for the demo's specs. */
export const demoTest = base.extend<object, { demo: RunningDemo }>({
  demo: [demoFixture, { scope: 'worker' }],
});

/** Opens raw.html (the demo on the raw API) and resolves once every row shows what the browser knows. */
export async function openRawPage(page: TestPage, demo: RunningDemo): Promise<void> {
  await page.goto(`${demo.url}raw.html`);
  await page.waitForFunction(demoReady, undefined, { timeout: 20_000 });
}

/** Expects the trailer's audio in Cache Storage, whole: where the service worker's handler keeps it. */
export async function expectTrailerStored(page: TestPage): Promise<void> {
  const stored = await page.evaluate(
    async (url) => (await (await caches.match(url))?.arrayBuffer())?.byteLength,
    audioUrl(TRAILER),
  );
  expect(stored).toBe(audioBytes(TRAILER));
}
