import { chromium, type Page } from '@playwright/test';
import { debianChromium } from '../../debian-chromium';
import { drivenPage } from './driven-page';
import type { EngineBrowser } from './session';

/** Debian's Chromium through Playwright, launched as every test tool here launches it, plus `args`. */
export async function launchChromium(
  profileDir: string,
  args: readonly string[] = [],
): Promise<EngineBrowser> {
  // A persistent context: a real profile on disk, which a later launch on the same directory finds again.
  const context = await chromium.launchPersistentContext(profileDir, {
    ...debianChromium,
    args: [...debianChromium.args, ...args],
  });
  let initial: Page | undefined = context.pages()[0];
  return {
    context,
    async newPage() {
      const page = initial ?? (await context.newPage());
      initial = undefined;
      return drivenPage(
        page,
        (offline) => page.context().setOffline(offline),
        (record) => {
          page.on('console', record.console);
          page.on('pageerror', record.pageError);
        },
      );
    },
    close: () => context.close(),
  };
}
