import { suiteConfig } from './harness/suite-config';

export default suiteConfig({ testDir: 'specs', globalSetup: './global-setup.ts' });
