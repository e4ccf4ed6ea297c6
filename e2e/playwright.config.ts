import { defineConfig } from '@playwright/test';
import type { WorkerFixtures } from './harness/fixtures';
import type { Engine } from './harness/session';

const engines: Engine[] = ['chromium', 'firefox', 'webkit'];

/** `name.spec.ts` runs in every engine; `name.<engine>.spec.ts` only in that engine's project. */
const onlyFor = (engine: Engine) =>
  engines.filter((other) => other !== engine).map((other) => `**/*.${other}.spec.ts`);

/** A test or describe tagged `@<engine>` runs only in that engine's project, as `name.<engine>.spec.ts` files do. */
const taggedFor = (engine: Engine) =>
  new RegExp(engines.flatMap((other) => (other === engine ? [] : [`@${other}\\b`])).join('|'));

export default defineConfig<object, WorkerFixtures>({
  testDir: 'specs',
  globalSetup: './global-setup.ts',
  // A flaky test gets fixed, not retried.
  retries: 0,
  forbidOnly: true,
  // Measured on 2 cores, smoke --repeat-each 5 in all engines: 1 worker 103 s, 2 workers 68 s, no failures.
  workers: 2,
  // Every test launches its own browser, so spreading one file's tests over workers gained nothing (18 tests:
  // 53 s serial per file, 56 s fully parallel); serial keeps a file's tests on one server and one Xvfb.
  fullyParallel: false,
  timeout: 60_000,
  reporter: 'list',
  projects: engines.map((engine) => ({
    name: engine,
    use: { engine },
    testIgnore: onlyFor(engine),
    grepInvert: taggedFor(engine),
  })),
});
