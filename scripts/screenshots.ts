/**
 * `pnpm screenshots`: remakes the README's screenshots (docs/screenshots/*.png) from the running code.
 * - the podcast demo, built and served on a media server (as `pnpm demo` does), in Debian's headless Chromium:
 *   one episode downloaded, another mid-download;
 * - Storybook's progress stories, from a fresh static build (`pnpm build-storybook`), served the same way.
 */
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { debianChromium } from '../debian-chromium.ts';
import { startMediaServer } from '../e2e/server/server.ts';
import { chromium, startDemo } from '../e2e/support/demo.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${repo}docs/screenshots`;
const storybookDir = `${repo}stories/storybook-static`;

/** The stories shown, by Storybook id, and the file each goes to. */
const STORIES = [
  { id: 'components-fetchprogress--all-statuses', file: 'stories-progress.png' },
  { id: 'components-downloadbutton--fetching-native', file: 'stories-download-button.png' },
  { id: 'components-fetchlist--twenty-downloads', file: 'stories-list.png' },
] as const;

await mkdir(outDir, { recursive: true });
const browser = await chromium.launch(debianChromium);
try {
  await demoShot();
  await storyShots();
} finally {
  await browser.close();
}

async function demoShot() {
  const demo = await startDemo();
  try {
    const context = await browser.newContext({ viewport: { width: 860, height: 900 } });
    const page = await context.newPage();
    await page.goto(demo.url);
    await page.locator('html[data-demo="ready"]').waitFor();
    // The trailer downloaded whole, the third episode caught mid-way.
    await page.getByRole('button', { name: 'Download Trailer: what this show is about' }).click();
    await page
      .getByRole('button', { name: 'Play Trailer: what this show is about' })
      .waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Download Background Fetch, and life without it' }).click();
    await page.waitForFunction(
      () => {
        const bar = document.querySelector('[data-episode="ep3-background-fetch"] [role="progressbar"]');
        const percent = /\((\d+)%\)/.exec(bar?.getAttribute('aria-valuetext') ?? '');
        return Number(percent?.[1] ?? 0) >= 35;
      },
      undefined,
      { timeout: 60_000, polling: 50 },
    );
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${outDir}/demo-mid-download.png`, fullPage: true });
    console.log('wrote docs/screenshots/demo-mid-download.png');
    await context.close();
  } finally {
    await demo.close();
  }
}

async function storyShots() {
  execFileSync('pnpm', ['build-storybook', '--quiet'], { cwd: repo, stdio: 'inherit' });
  const server = await startMediaServer({ static: { '/': storybookDir } });
  try {
    const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
    const page = await context.newPage();
    for (const story of STORIES) {
      await page.goto(`${server.origin}/iframe.html?id=${story.id}&viewMode=story`);
      const root = page.locator('#storybook-root');
      await root.locator(':scope > *').first().waitFor();
      await root.screenshot({ path: `${outDir}/${story.file}` });
      console.log(`wrote docs/screenshots/${story.file}`);
    }
    await context.close();
  } finally {
    await server.close();
  }
}
