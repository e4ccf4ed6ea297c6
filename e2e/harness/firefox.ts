import puppeteer, { type Page } from 'puppeteer-core';
import { drivenPage } from './driven-page';
import type { EngineBrowser } from './session';

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
    // navigator.storage.persist() asks the user in Firefox; these prefs answer "allow" for them, as Firefox's own
    // tests do, so that a test of persistence does not wait on a prompt nobody can see.
    extraPrefsFirefox: {
      'dom.storageManager.prompt.testing': true,
      'dom.storageManager.prompt.testing.allow': true,
    },
  });
  let initial: Page | undefined = (await browser.pages())[0];
  return {
    async newPage() {
      const page = initial ?? (await browser.newPage());
      initial = undefined;
      return drivenPage(
        page,
        (offline) => page.setOfflineMode(offline),
        (record) => {
          page.on('console', record.console);
          page.on('pageerror', record.pageError);
        },
      );
    },
    close: () => browser.close(),
  };
}
