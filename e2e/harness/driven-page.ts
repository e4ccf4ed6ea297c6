import type { ConsoleMessage, EnginePage } from './session';

/** What Playwright's and puppeteer's `Page` have in common, as far as the harness uses them. */
export interface DrivenPage {
  goto(url: string): Promise<unknown>;
  evaluate(expression: string): Promise<unknown>;
  reload(): Promise<unknown>;
  close(): Promise<unknown>;
}

/** Listeners that record a page's console; each library types its `on()` its own way, so the engine attaches them. */
export interface ConsoleRecorder {
  console(message: { type(): string; text(): string }): void;
  pageError(error: unknown): void;
}

/** An EnginePage over a CDP/BiDi-driven page (Chromium, Firefox); only going offline differs between them. */
export function drivenPage(
  page: DrivenPage,
  setOffline: (offline: boolean) => Promise<void>,
  listen: (recorder: ConsoleRecorder) => void,
): EnginePage {
  const messages: ConsoleMessage[] = [];
  listen({
    console: (message) => messages.push({ type: message.type(), text: message.text() }),
    pageError: (error) => messages.push({ type: 'pageerror', text: String(error) }),
  });
  return {
    console: messages,
    goto: async (url) => {
      await page.goto(url);
    },
    evaluateExpression: (expression) => page.evaluate(expression) as Promise<string>,
    reload: async () => {
      await page.reload();
    },
    setOffline,
    close: async () => {
      await page.close();
    },
  };
}
