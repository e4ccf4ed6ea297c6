import { build } from 'vite';
import pagesConfig from './pages/vite.config';

/**
 * Builds the test pages once per run, before any worker starts. The config goes in as an object: Playwright's
 * loader has already compiled it, so Vite need not bundle the config file again.
 */
export default async function globalSetup(): Promise<void> {
  await build({ ...pagesConfig, configFile: false });
}
