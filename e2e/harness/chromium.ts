import { chromium, type Page } from '@playwright/test';
import type { ConsoleMessage, EngineBrowser, EnginePage } from './session';

/**
 * Debian's Chromium through Playwright. The flags keep a headless Chromium quiet on a closed network: without
 * the background-networking ones it keeps trying to reach Google's services.
 */
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(profileDir: string): Promise<EngineBrowser> {
  // A persistent context: a real profile on disk, which a later launch on the same directory finds again.
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    args,
  });
  let initial: Page | undefined = context.pages()[0];
  return {
    context,
    async newPage() {
      const page = initial ?? (await context.newPage());
      initial = undefined;
      return chromiumPage(page);
    },
    close: () => context.close(),
  };
}

function chromiumPage(page: Page): EnginePage {
  const messages: ConsoleMessage[] = [];
  page.on('console', (message) => messages.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => messages.push({ type: 'pageerror', text: String(error) }));
  return {
    console: messages,
    goto: async (url) => {
      await page.goto(url);
    },
    evaluateExpression: (expression) => page.evaluate(expression) as Promise<string>,
    reload: async () => {
      await page.reload();
    },
    setOffline: (offline) => page.context().setOffline(offline),
    close: () => page.close(),
  };
}
