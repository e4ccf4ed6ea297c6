import { rename, rm } from 'node:fs/promises';
import { build } from 'vite';
import { pagesOutDir } from './harness/paths';
import { pagesConfig } from './pages/vite.config';

/**
 * Builds the test pages once per run, before any worker starts. The config goes in as an object: Playwright's
 * loader has already compiled it, so Vite need not bundle the config file again. The build goes to a folder of its
 * own and is swapped in by rename, so a run that is already serving the pages (another run of the suite on the same
 * checkout) never sees a half-built folder.
 */
export default async function globalSetup(): Promise<void> {
  const fresh = `${pagesOutDir}.${process.pid}.new`;
  const stale = `${pagesOutDir}.${process.pid}.old`;
  await build({ ...pagesConfig(fresh), configFile: false });
  await rename(pagesOutDir, stale).catch(() => {});
  await rename(fresh, pagesOutDir);
  await rm(stale, { recursive: true, force: true });
}
