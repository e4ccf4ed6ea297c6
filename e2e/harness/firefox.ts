import puppeteer, { type Page } from 'puppeteer-core';
import type { ConsoleMessage, EngineBrowser, EnginePage } from './session';

/**
 * Firefox ESR through puppeteer-core over WebDriver BiDi (there is no geckodriver here, so Playwright, Selenium
 * and WebdriverIO cannot drive it). Puppeteer writes its automation prefs into the profile's user.js and starts
 * Firefox in its own process group, which `browser.close()` ends.
 */
export async function launchFirefox(profileDir: string): Promise<EngineBrowser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    userDataDir: profileDir,
  });
  let initial: Page | undefined = (await browser.pages())[0];
  return {
    async newPage() {
      const page = initial ?? (await browser.newPage());
      initial = undefined;
      return firefoxPage(page);
    },
    close: () => browser.close(),
  };
}

function firefoxPage(page: Page): EnginePage {
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
    setOffline: (offline) => page.setOfflineMode(offline),
    close: () => page.close(),
  };
}
