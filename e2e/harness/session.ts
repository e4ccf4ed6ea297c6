import type { BrowserContext } from '@playwright/test';

export type Engine = 'chromium' | 'firefox' | 'webkit';

export interface ConsoleMessage {
  /** `log`, `error`, `warning`, …; in WebKit only what the browser prints (see webkit.ts). */
  type: string;
  text: string;
}

/** A page function: serialised with `toString()`, so it must not close over Node variables; pass `arg`. */
export type PageFunction<Arg, Result> = (arg: Arg) => Result | Promise<Result>;

export interface WaitOptions {
  /** Default 10 s. */
  timeout?: number;
}

/** One tab, driven the same way in every engine. */
export interface TestPage {
  /** Console messages seen since the page was opened (for debugging failures). */
  readonly console: readonly ConsoleMessage[];
  /**
   * The calls into the page that have not returned yet, each named and timed from its start: what a timed-out test
   * was waiting for (attached to a failed test).
   */
  readonly inFlight: ReadonlySet<string>;
  /** Navigates and waits for the `load` event. */
  goto(url: string): Promise<void>;
  /**
   * Runs `fn(arg)` in the page and awaits it. `arg` and the result go through JSON in every engine, so
   * `undefined` fields vanish and class instances become plain objects. A throw in the page rejects here with
   * its message.
   */
  evaluate<Result, Arg = undefined>(fn: PageFunction<Arg, Result>, arg?: Arg): Promise<Result>;
  /** Polls `fn(arg)` in the page until it returns a truthy value; throws after the timeout. */
  waitForFunction<Arg = undefined>(
    fn: PageFunction<Arg, unknown>,
    arg?: Arg,
    options?: WaitOptions,
  ): Promise<void>;
  /** Reloads and waits for the `load` event. */
  reload(): Promise<void>;
  /**
   * Chromium: the whole browser context goes offline (every page). Firefox: this page's network goes offline.
   * WebKit: emulated only: `navigator.onLine` and the `offline`/`online` events, in this document; the network
   * still works there, and a navigation or reload undoes it.
   */
  setOffline(offline: boolean): Promise<void>;
  close(): Promise<void>;
}

/** One browser on its own persistent profile. */
export interface BrowserSession {
  readonly engine: Engine;
  /** The profile directory: survives `restart()`, removed after the test. */
  readonly profileDir: string;
  /** Open pages, oldest first. */
  readonly pages: readonly TestPage[];
  newPage(): Promise<TestPage>;
  /** Closes the browser and launches it again on the same profile: storage is kept, pages are gone. */
  restart(): Promise<void>;
  close(): Promise<void>;
  /** The Playwright context, for CDP and the like; throws in other engines. Changes on `restart()`. */
  chromiumContext(): BrowserContext;
}

/** What an engine module gives the shared session: one launched browser process. */
export interface EngineBrowser {
  /** Opens a tab; the first call may adopt the tab the browser started with. */
  newPage(): Promise<EnginePage>;
  close(): Promise<void>;
  context?: BrowserContext;
}

/** The engine-specific primitives behind a TestPage. Expressions are complete JS source; see evaluate.ts. */
export interface EnginePage {
  readonly console: ConsoleMessage[];
  goto(url: string): Promise<void>;
  /** Evaluates an expression whose value is a Promise<string>, and returns that string. */
  evaluateExpression(expression: string): Promise<string>;
  reload(): Promise<void>;
  setOffline(offline: boolean): Promise<void>;
  close(): Promise<void>;
}
