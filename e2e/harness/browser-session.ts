import type { BrowserContext } from '@playwright/test';
import type { BrowserSession, Engine, EngineBrowser, EnginePage, TestPage } from './session';
import { testPage } from './test-page';

export type Launcher = (profileDir: string) => Promise<EngineBrowser>;

/** A BrowserSession over any engine: page bookkeeping, the last-tab rule and restart live here, once. */
export async function browserSession(
  engine: Engine,
  profileDir: string,
  launch: Launcher,
): Promise<BrowserSession> {
  let browser: EngineBrowser | undefined = await launch(profileDir);
  const pages: TestPage[] = [];
  const engines = new Map<TestPage, EnginePage>();
  /** The browser's last tab, blanked by close(): the next newPage() reuses it. */
  let spare: EnginePage | undefined;

  const running = (): EngineBrowser => {
    if (!browser) throw new Error(`the ${engine} session is closed`);
    return browser;
  };

  const closePage = async (page: TestPage) => {
    const enginePage = engines.get(page);
    if (!enginePage) return;
    engines.delete(page);
    pages.splice(pages.indexOf(page), 1);
    if (pages.length > 0) return enginePage.close();
    // about:blank unloads the document (pagehide, unload, the service worker loses this client) like a close.
    await enginePage.goto('about:blank');
    spare = enginePage;
  };

  const shutDown = async () => {
    const closing = browser;
    browser = undefined;
    pages.length = 0;
    engines.clear();
    spare = undefined;
    await closing?.close();
  };

  return {
    engine,
    profileDir,
    pages,
    async newPage() {
      const enginePage = spare ?? (await running().newPage());
      spare = undefined;
      enginePage.console.length = 0;
      const page = testPage(enginePage, closePage);
      engines.set(page, enginePage);
      pages.push(page);
      return page;
    },
    async restart() {
      await shutDown();
      browser = await launch(profileDir);
    },
    close: shutDown,
    chromiumContext(): BrowserContext {
      const { context } = running();
      if (!context) throw new Error(`chromiumContext() is for Chromium only, this is ${engine}`);
      return context;
    },
  };
}
