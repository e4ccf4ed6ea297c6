import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _baseTest, type TestInfo } from '@playwright/test';
import { startMediaServer } from '../server/server';
import type { MediaServer, TestScope } from '../server/types';
import { browserSession } from './browser-session';
import { launcherFor } from './engines';
import { pagesOutDir } from './paths';
import type { BrowserSession, Engine } from './session';
import { startXvfb } from './xvfb';

export interface TestFixtures {
  /** This test's own slice of the server: request log, knobs and file versions. */
  scope: TestScope;
  /** A fresh browser of the project's engine on a fresh profile, closed and deleted after the test. */
  browser: BrowserSession;
  /** WebKit's `BackgroundFetchAPI` feature (on: the API is there but refuses every fetch); off by default. */
  webkitBackgroundFetch: boolean;
  /** More flags for Chromium (e.g. one that exposes what Chromium shows only on Android); none by default. */
  chromiumArgs: string[];
}

export interface WorkerFixtures {
  /** Set per project in playwright.config.ts. */
  engine: Engine;
  /** The media server, serving the built test pages at `/`. */
  server: MediaServer;
  /** The X display for WebKit: $DISPLAY, or a private Xvfb per worker. Undefined for other engines. */
  display: string | undefined;
}

/**
 * `_baseTest` is Playwright Test without its own browser fixtures: `browser` here is ours (test-scoped, any
 * engine), and a stray `page` fixture cannot quietly start Playwright's bundled browser, which is not installed.
 */
export const test = _baseTest.extend<TestFixtures, WorkerFixtures>({
  engine: ['chromium', { option: true, scope: 'worker' }],

  server: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring pattern.
    async ({}, use) => {
      const server = await startMediaServer({ static: { '/': pagesOutDir } });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  display: [
    async ({ engine }, use) => {
      if (engine !== 'webkit' || process.env.DISPLAY) return use(process.env.DISPLAY);
      const xvfb = await startXvfb();
      try {
        await use(xvfb.display);
      } finally {
        await xvfb.stop();
      }
    },
    { scope: 'worker' },
  ],

  webkitBackgroundFetch: [false, { option: true }],

  chromiumArgs: [[], { option: true }],

  scope: async ({ server }, use, testInfo) => {
    await use(server.scope(`${testInfo.testId}-${testInfo.retry}`));
  },

  browser: async ({ engine, display, webkitBackgroundFetch, chromiumArgs }, use, testInfo) => {
    const profileDir = await mkdtemp(join(tmpdir(), `bgfetch-e2e-${engine}-`));
    try {
      const session = await browserSession(
        engine,
        profileDir,
        launcherFor(engine, display, { backgroundFetchFeature: webkitBackgroundFetch }, chromiumArgs),
      );
      try {
        await use(session);
      } finally {
        if (testInfo.status !== testInfo.expectedStatus) await attachPageState(session, testInfo);
        await session.close();
      }
    } finally {
      await rm(profileDir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';

async function attachPageState(session: BrowserSession, testInfo: TestInfo) {
  const text = session.pages
    .flatMap((page, index) => page.console.map(({ type, text }) => `[page ${index + 1}] ${type}: ${text}`))
    .join('\n');
  await testInfo.attach('browser console', { body: text || '(no console messages)' });
  const inFlight = session.pages.flatMap((page, index) =>
    [...page.inFlight].map((call) => `[page ${index + 1}] ${call}`),
  );
  if (inFlight.length > 0) await testInfo.attach('page calls in flight', { body: inFlight.join('\n') });
}
