import { defineConfig } from '@playwright/test';
import type { WorkerFixtures } from '../harness/fixtures';
import { engineProjects } from '../harness/projects';

/**
 * The consumer suite: the packed packages in a brand-new app (prepare.ts makes and builds it once per run), driven
 * in each engine. `pnpm test:consumer`; one engine: `pnpm test:consumer --project=firefox`.
 */
export default defineConfig<object, WorkerFixtures>({
  testDir: '.',
  testMatch: '*.spec.ts',
  globalSetup: './prepare.ts',
  retries: 0,
  forbidOnly: true,
  workers: 2,
  fullyParallel: false,
  timeout: 60_000,
  reporter: 'list',
  projects: engineProjects(),
});
