import { pageExpression, pageResult } from './evaluate';
import type { EnginePage, PageFunction, TestPage, WaitOptions } from './session';

/** How often waitForFunction asks the page. */
const pollMs = 50;

/**
 * The engine-neutral page. `onClose` lets the session decide what closing means: the last tab of a browser is
 * blanked and kept rather than closed, because closing it would end the browser (Firefox) or the WebDriver
 * session (WebKit).
 */
export function testPage(engine: EnginePage, onClose: (page: TestPage) => Promise<void>): TestPage {
  const inFlight = new Set<string>();
  const tracked = async <T>(name: string, call: () => Promise<T>): Promise<T> => {
    const entry = `${new Date().toISOString()} ${name}`;
    inFlight.add(entry);
    try {
      return await call();
    } finally {
      inFlight.delete(entry);
    }
  };
  const page: TestPage = {
    console: engine.console,
    inFlight,
    goto: (url) => tracked(`goto ${url}`, () => engine.goto(url)),
    async evaluate<Result, Arg>(fn: PageFunction<Arg, Result>, arg?: Arg) {
      const name = `evaluate ${String(fn).slice(0, 300)} with ${JSON.stringify(arg)?.slice(0, 200)}`;
      return pageResult<Result>(
        await tracked(name, () => engine.evaluateExpression(pageExpression(fn, arg))),
      );
    },
    // Polled from Node, not inside the page, so it survives navigations and behaves alike in every engine.
    async waitForFunction<Arg>(fn: PageFunction<Arg, unknown>, arg?: Arg, options: WaitOptions = {}) {
      const timeout = options.timeout ?? 10_000;
      const deadline = Date.now() + timeout;
      let lastError: unknown;
      for (;;) {
        try {
          if (await page.evaluate(fn, arg)) return;
          lastError = undefined;
        } catch (error) {
          // A navigation in progress destroys the context: try again.
          lastError = error;
        }
        if (Date.now() > deadline) {
          throw new Error(`waitForFunction timed out after ${timeout} ms: ${fn}`, { cause: lastError });
        }
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    },
    reload: () => tracked('reload', () => engine.reload()),
    setOffline: (offline) => tracked(`setOffline ${offline}`, () => engine.setOffline(offline)),
    close: () => onClose(page),
  };
  return page;
}
