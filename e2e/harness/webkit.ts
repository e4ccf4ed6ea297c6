import { fileURLToPath } from 'node:url';
import { Builder, Capabilities, type WebDriver } from 'selenium-webdriver';
import { descendantsGone, freePort, startProcess, stopProcess, withTimeout } from './processes';
import type { ConsoleMessage, EngineBrowser, EnginePage } from './session';

const browserScript = fileURLToPath(new URL('../webkit/browser.py', import.meta.url));
/** Must equal BROWSER_NAME in webkit/browser.py: WebKitWebDriver refuses a browser that names itself otherwise. */
const browserName = 'bgfetch-webkit';
/** How often a pending evaluate() asks the page for its result. */
const evaluatePollMs = 10;
const browserArgs = [
  // Safari has the Storage API; WebKitGTK has it off by default (then `navigator.storage` is undefined).
  '--enable-feature=StorageAPI',
  '--enable-feature=StorageAPIEstimate',
];

export interface WebKitOptions {
  /**
   * WebKit's `BackgroundFetchAPI` feature. On, the API exists but every `fetch()` is refused with
   * `NotAllowedError`; off by default, as Safari ships it.
   */
  backgroundFetchFeature?: boolean;
}

/**
 * WebKitGTK through WebKitWebDriver (started here, on a free port) and selenium-webdriver, running our own
 * persistent-profile browser (webkit/browser.py). One driver process per launch: it leads a process group
 * holding the browser and WebKit's network and web processes, so stopping it leaves nothing behind.
 */
export async function launchWebKit(
  profileDir: string,
  display: string,
  { backgroundFetchFeature = false }: WebKitOptions = {},
): Promise<EngineBrowser> {
  const port = await freePort();
  const driverProcess = startProcess('/usr/bin/WebKitWebDriver', [`--port=${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, DISPLAY: display },
  });
  // WebKit writes console messages of every page and worker to the stderr it inherits, one `CONSOLE <LEVEL> …`
  // line each, without saying which tab: every open page gets every message.
  const consoles = new Set<ConsoleMessage[]>();
  let partial = '';
  driverProcess.stderr?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const match = /^CONSOLE (\w+) (.*)$/.exec(line);
      if (match)
        for (const messages of consoles) messages.push({ type: match[1]!.toLowerCase(), text: match[2]! });
    }
  });
  const stop = async () => {
    // The browser exits by itself after quit(): stopping the driver only then lets it reap the browser.
    await descendantsGone(driverProcess, 10_000);
    await stopProcess(driverProcess);
  };
  try {
    // Without a display, or with a browser that fails to start, session creation hangs instead of failing.
    const driver = await withTimeout(
      'WebKit session creation',
      30_000,
      startSession(port, [
        `--profile=${profileDir}`,
        ...browserArgs,
        `--${backgroundFetchFeature ? 'enable' : 'disable'}-feature=BackgroundFetchAPI`,
      ]),
    );
    return webkitBrowser(driver, consoles, stop);
  } catch (error) {
    await stopProcess(driverProcess);
    throw error;
  }
}

async function startSession(port: number, args: string[]): Promise<WebDriver> {
  await waitForDriver(port);
  const capabilities = new Capabilities().setBrowserName(browserName).set('webkitgtk:browserOptions', {
    binary: browserScript,
    args,
  });
  // Await the thenable driver itself: its own promise would otherwise reject unhandled when creation fails.
  return await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities(capabilities).build();
}

async function waitForDriver(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/status`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`WebKitWebDriver did not listen on port ${port}`);
}

function webkitBrowser(
  driver: WebDriver,
  consoles: Set<ConsoleMessage[]>,
  stop: () => Promise<void>,
): EngineBrowser {
  // WebDriver acts on one current window: page operations run one at a time, each in its own window.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(action: () => Promise<T>): Promise<T> => {
    const run = queue.then(action);
    queue = run.catch(() => undefined);
    return run;
  };
  const exclusive = <T>(handle: string, action: () => Promise<T>): Promise<T> =>
    serial(async () => {
      await driver.switchTo().window(handle);
      return action();
    });
  let initial = true;
  let evaluations = 0;

  // Awaiting the page's promise inside one executeAsyncScript would hold the driver, and so every other page,
  // until it settles: a long evaluate() in one tab and a waitForFunction() in another would deadlock. Instead the
  // promise is started, and its result fetched by short polls that let other pages' calls run in between.
  const evaluate = async (handle: string, expression: string): Promise<string> => {
    const id = `e${++evaluations}`;
    await exclusive(handle, () =>
      driver.executeScript(
        `const id = arguments[0];
        const results = (window.__bgfetchEvaluations ??= {});
        results[id] = null;
        ${expression}.then((json) => { results[id] = json; });`,
        id,
      ),
    );
    for (;;) {
      const result = await exclusive(handle, () =>
        driver.executeScript<string | null | { lost: true }>(
          `const id = arguments[0];
          const results = window.__bgfetchEvaluations;
          if (!results || !(id in results)) return { lost: true };
          const json = results[id];
          if (json !== null) delete results[id];
          return json;`,
          id,
        ),
      );
      if (typeof result === 'string') return result;
      if (result !== null) throw new Error('the page navigated away before evaluate() settled');
      await new Promise((resolve) => setTimeout(resolve, evaluatePollMs));
    }
  };

  const webkitPage = (handle: string): EnginePage => {
    const messages: ConsoleMessage[] = [];
    consoles.add(messages);
    return {
      console: messages,
      goto: (url) => exclusive(handle, () => driver.get(url)),
      evaluateExpression: (expression) => evaluate(handle, expression),
      reload: () => exclusive(handle, () => driver.navigate().refresh()),
      setOffline: (offline) =>
        exclusive(handle, () =>
          driver.executeScript(
            `const offline = arguments[0];
            Object.defineProperty(Navigator.prototype, 'onLine', { configurable: true, get: () => !offline });
            window.dispatchEvent(new Event(offline ? 'offline' : 'online'));`,
            offline,
          ),
        ).then(() => undefined),
      close: async () => {
        await exclusive(handle, () => driver.close());
        consoles.delete(messages);
      },
    };
  };

  return {
    async newPage() {
      const handle = await serial(async () => {
        // The session starts with one window: the first page is that one.
        if (initial) initial = false;
        else await driver.switchTo().newWindow('tab');
        return driver.getWindowHandle();
      });
      return webkitPage(handle);
    },
    async close() {
      try {
        // quit() makes the browser close its windows and exit by itself, flushing storage to the profile.
        await withTimeout('WebKit quit', 10_000, driver.quit());
      } finally {
        await stop();
      }
    },
  };
}
