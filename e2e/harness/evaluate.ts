import type { PageFunction } from './session';

/**
 * The one way page code runs in every engine: `fn` is serialised and called with a JSON copy of `arg`, awaited,
 * and its result (or its error) comes back as a JSON string. Each driver only has to evaluate an expression that
 * yields a Promise<string>, so evaluate() means exactly the same thing in Chromium, Firefox and WebKit, whatever
 * each driver would do with `undefined`, Maps, DOM nodes or rejected promises.
 */
export function pageExpression<Arg, Result>(fn: PageFunction<Arg, Result>, arg: Arg | undefined): string {
  const json = arg === undefined ? 'undefined' : JSON.stringify(arg);
  return `(async () => {
    try {
      return JSON.stringify({ value: await (${fn.toString()})(${json}) });
    } catch (error) {
      const message = error instanceof Error ? error.name + ': ' + error.message : String(error);
      return JSON.stringify({ error: message });
    }
  })()`;
}

export function pageResult<Result>(json: string): Result {
  const outcome = JSON.parse(json) as { value?: Result; error?: string };
  if (outcome.error !== undefined) throw new Error(`page function threw ${outcome.error}`);
  return outcome.value as Result;
}
