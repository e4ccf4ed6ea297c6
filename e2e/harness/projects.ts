import type { Project } from '@playwright/test';
import type { WorkerFixtures } from './fixtures';
import type { Engine } from './session';

export const engines: Engine[] = ['chromium', 'firefox', 'webkit'];

/** `name.spec.ts` runs in every engine; `name.<engine>.spec.ts` only in that engine's project. */
const onlyFor = (engine: Engine) =>
  engines.filter((other) => other !== engine).map((other) => `**/*.${other}.spec.ts`);

/** A test or describe tagged `@<engine>` runs only in that engine's project, as `name.<engine>.spec.ts` files do. */
const taggedFor = (engine: Engine) =>
  new RegExp(engines.flatMap((other) => (other === engine ? [] : [`@${other}\\b`])).join('|'));

/** One project per engine, named after it. */
export function engineProjects(): Project<object, WorkerFixtures>[] {
  return engines.map((engine) => ({
    name: engine,
    use: { engine },
    testIgnore: onlyFor(engine),
    grepInvert: taggedFor(engine),
  }));
}
