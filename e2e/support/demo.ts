/**
 * Node-side helpers for the demo's specs (specs/demo.spec.ts) and scripts/screenshots.ts: build the podcast demo
 * (examples/podcast) into a folder of its own and serve it, with the media it plays, on a media server of its own.
 * The demo's service worker claims the origin's root (`/sw.js`, scope `/`), which the test pages' server gives to
 * the pages, so it gets its own origin rather than a folder under the harness's `/`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { build } from 'vite';
import { demoConfig } from '../../examples/podcast/vite.config';
import type { BrowserSession, TestPage } from '../harness/session';
import { startMediaServer } from '../server/server';
import type { LogEntry, MediaServer } from '../server/types';

export { chromium } from '@playwright/test';

export interface RunningDemo {
  server: MediaServer;
  /** The demo's page: `<origin>/`. */
  url: string;
  close(): Promise<void>;
}

/** Builds the demo into `outDir` (Vite, the same config as `pnpm --filter @bgfetch/example-podcast build`). */
export async function buildDemo(outDir: string): Promise<void> {
  await build({ ...demoConfig(outDir), configFile: false });
}

/**
 * A worker-scoped Playwright fixture for the demo's specs: `base.extend<object, { demo: RunningDemo }>({ demo: [demoFixture,
 * { scope: 'worker' }] })`. Each worker builds and serves the demo once.
 */
// biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
export async function demoFixture({}: object, use: (demo: RunningDemo) => Promise<void>): Promise<void> {
  const demo = await startDemo();
  try {
    await use(demo);
  } finally {
    await demo.close();
  }
}

/** Builds the demo into a fresh temporary folder and serves it at `/` of a new media server. */
export async function startDemo(): Promise<RunningDemo> {
  const dir = await mkdtemp(join(tmpdir(), 'bgfetch-demo-'));
  try {
    await buildDemo(dir);
    const server = await startMediaServer({ static: { '/': dir } });
    return {
      server,
      url: `${server.origin}/`,
      async close() {
        await server.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The episode the specs download: the demo's shortest (60 s of audio, about 2.7 MB at the demo's throttle). */
export const TRAILER = {
  id: 'episode-trailer',
  slug: 'ep0-trailer',
  title: 'Trailer: what this show is about',
  seconds: 60,
} as const;

export const demoReady = () => document.documentElement.dataset.demo === 'ready';

/** The engine the demo says runs its downloads (`native` / `fallback`), once it knows. */
export const demoEngine = () => document.querySelector<HTMLElement>('[data-engine]')?.dataset.engine ?? '';

/** Presses the episode's "Download" button (page function). */
export function pressDownload(slug: string): void {
  const item = document.querySelector(`[data-episode="${slug}"]`);
  const button = [...(item?.querySelectorAll('button') ?? [])].find(
    (each) => each.textContent === 'Download',
  );
  if (!button) throw new Error(`no Download button for ${slug}`);
  button.click();
}

/** Whether the demo shows the episode as saved on the device (page function). */
export const isSaved = (slug: string) =>
  document.querySelector(`li[data-episode="${slug}"]`)?.getAttribute('data-saved') === 'true';

/** Whether raw.html shows the episode as saved (page function). */
export const isRawSaved = (slug: string) =>
  document.querySelector(`li[data-episode="${slug}"]`)?.getAttribute('data-state') === 'saved';

/**
 * Loads the episode's `<audio>` and resolves at `canplay` with its duration; rejects on a media error (page
 * function).
 */
export function playUntilCanPlay(slug: string): Promise<{ duration: number; src: string }> {
  const audio = document.querySelector<HTMLAudioElement>(`audio[data-episode="${slug}"]`);
  if (!audio) return Promise.reject(new Error(`no audio for ${slug}`));
  return new Promise((resolve, reject) => {
    audio.addEventListener('canplay', () => resolve({ duration: audio.duration, src: audio.currentSrc }), {
      once: true,
    });
    audio.addEventListener(
      'error',
      () => reject(new Error(`media error ${audio.error?.code}: ${audio.error?.message}`)),
      {
        once: true,
      },
    );
    audio.preload = 'auto';
    audio.load();
  });
}

const episodeRequests = (log: LogEntry[]) =>
  log.filter((entry) => entry.url.startsWith(`/media/${TRAILER.slug}.`));

/**
 * The demo's promise, end to end: download the trailer, take the network away, reload, and play it. The network goes
 * at the server (`setOffline`: every connection dropped, in every engine alike; WebKit's driver has no offline mode),
 * and also in the browser where the driver can (Chromium's whole context, Firefox's page), so the page sees
 * `navigator.onLine === false` there too.
 */
export async function downloadReloadOfflineAndPlay(
  browser: BrowserSession,
  demo: RunningDemo,
  { query = '', engine }: { query?: string; engine: 'native' | 'fallback' },
): Promise<void> {
  const page = await browser.newPage();
  await page.goto(`${demo.url}${query}`);
  await page.waitForFunction(demoReady, undefined, { timeout: 20_000 });
  await page.waitForFunction(
    (engine) => document.querySelector(`[data-engine="${engine}"]`) !== null,
    engine,
  );

  const log = demo.server.scope('default');
  const before = (await log.settled()).length;
  await page.evaluate(pressDownload, TRAILER.slug);
  await page.waitForFunction(isSaved, TRAILER.slug, { timeout: 40_000 });
  const downloads = episodeRequests((await log.settled()).slice(before));
  // The audio and the artwork, each fetched once and whole.
  expect(downloads.filter((entry) => entry.status === 200 && !entry.incomplete)).toHaveLength(2);

  const afterDownload = (await log.settled()).length;
  await goOffline(browser, page, demo, true);
  try {
    await page.reload();
    await page.waitForFunction(demoReady, undefined, { timeout: 20_000 });
    await page.waitForFunction(isSaved, TRAILER.slug);
    const played = await page.evaluate(playUntilCanPlay, TRAILER.slug);
    expect(played.duration).toBeCloseTo(TRAILER.seconds, 0);
    // Nothing of the episode was asked of the network (not even tried), and nothing at all was served.
    const offline = (await log.settled()).slice(afterDownload);
    expect(episodeRequests(offline)).toEqual([]);
    expect(offline.filter((entry) => entry.status !== 0)).toEqual([]);
  } finally {
    await goOffline(browser, page, demo, false);
  }
}

async function goOffline(browser: BrowserSession, page: TestPage, demo: RunningDemo, offline: boolean) {
  demo.server.setOffline(offline);
  if (browser.engine === 'chromium') await browser.chromiumContext().setOffline(offline);
  if (browser.engine === 'firefox') await page.setOffline(offline);
}
