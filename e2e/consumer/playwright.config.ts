import { suiteConfig } from '../harness/suite-config';

/**
 * The consumer suite: the packed packages in a brand-new app (prepare.ts makes and builds it once per run), driven
 * in each engine. `pnpm test:consumer`; one engine: `pnpm test:consumer --project=firefox`.
 */
export default suiteConfig({ testDir: '.', testMatch: '*.spec.ts', globalSetup: './prepare.ts' });
