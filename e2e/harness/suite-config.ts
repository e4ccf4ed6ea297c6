import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';
import type { WorkerFixtures } from './fixtures';
import { engineProjects } from './projects';

/**
 * What every browser suite of the repo shares (specs/ and the consumer suite): one project per engine, and the run
 * policy below. A suite gives where its tests are and its global setup.
 */
export function suiteConfig(suite: Pick<PlaywrightTestConfig, 'testDir' | 'testMatch' | 'globalSetup'>) {
  return defineConfig<object, WorkerFixtures>({
    ...suite,
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
    projects: engineProjects(),
  });
}
