import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build, defineConfig, type Plugin } from 'vite';
import { workspaceAliases } from '../../vite.aliases';
import { pagesOutDir, pagesSrcDir } from '../harness/paths';

/** Every folder with an index.html is a page; one with a sw.ts also has a service worker. */
const folders = readdirSync(pagesSrcDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(pagesSrcDir, entry.name, 'index.html')))
  .map((entry) => entry.name);
const pages = Object.fromEntries(folders.map((name) => [name, join(pagesSrcDir, name, 'index.html')]));
const serviceWorkers = folders.filter((name) => existsSync(join(pagesSrcDir, name, 'sw.ts')));

/**
 * Builds `<page>/sw.ts` into `<page>/sw.js`, beside the page, so its default scope covers the page. Each is one
 * self-contained classic script (IIFE), registered without `{ type: 'module' }`: module service workers did work
 * in all three engines here, but a bundle with no imports needs no module loading at all, and a classic worker
 * keeps importScripts() and the older Firefox releases that lack module service workers.
 */
function serviceWorkerBundles(outDir: string): Plugin {
  return {
    name: 'bgfetch-e2e:service-workers',
    apply: 'build',
    async closeBundle() {
      for (const name of serviceWorkers) {
        await build({
          configFile: false,
          logLevel: 'warn',
          resolve: { alias: workspaceAliases },
          build: {
            outDir: join(outDir, name),
            emptyOutDir: false,
            copyPublicDir: false,
            minify: false,
            rolldownOptions: {
              input: join(pagesSrcDir, name, 'sw.ts'),
              output: { format: 'iife', entryFileNames: 'sw.js' },
            },
          },
        });
      }
    },
  };
}

/** The pages' build into `outDir`; global-setup builds into a fresh folder and swaps it in. */
export const pagesConfig = (outDir: string) =>
  defineConfig({
    root: pagesSrcDir,
    logLevel: 'warn',
    resolve: { alias: workspaceAliases },
    build: {
      outDir,
      emptyOutDir: true,
      // Readable stack traces in the browsers' consoles.
      minify: false,
      sourcemap: true,
      rolldownOptions: { input: pages },
    },
    // Module workers may share chunks with their page.
    worker: { format: 'es' },
    plugins: [serviceWorkerBundles(outDir)],
  });

export default pagesConfig(pagesOutDir);
