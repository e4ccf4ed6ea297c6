import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin, type UserConfig } from 'vite';
import { workspaceAliases } from '../../vite.aliases';

const root = fileURLToPath(new URL('.', import.meta.url));

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/**
 * After the app's build, builds `src/sw.ts` into `<outDir>/sw.js`: one self-contained classic script (IIFE), as
 * e2e/pages/vite.config.ts does for the test pages, so every engine (and older Firefox without module service
 * workers) runs it. The list of the built files goes in as `__SHELL_FILES__` (the precache), with a version that
 * changes with them, so a new build installs a new worker and drops the old shell.
 */
function serviceWorker(outDir: string): Plugin {
  return {
    name: 'bgfetch-demo:service-worker',
    apply: 'build',
    async closeBundle() {
      const files = [
        '/',
        ...filesUnder(outDir)
          .filter((file) => file !== 'sw.js' && file !== 'index.html' && !file.endsWith('.map'))
          .map((file) => `/${file}`),
      ];
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      await build({
        configFile: false,
        logLevel: 'warn',
        resolve: { alias: workspaceAliases },
        define: {
          __SHELL_FILES__: JSON.stringify(files),
          __SHELL_VERSION__: JSON.stringify(version),
        },
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          minify: false,
          rolldownOptions: {
            input: join(root, 'src/sw.ts'),
            output: { format: 'iife', entryFileNames: 'sw.js' },
          },
        },
      });
    },
  };
}

/** The demo's build into `outDir` (default `dist`); the e2e specs build it into a folder of their own. */
export function demoConfig(outDir = join(root, 'dist')): UserConfig {
  const out = resolve(root, outDir);
  return {
    root,
    logLevel: 'warn',
    plugins: [react(), serviceWorker(out)],
    resolve: { alias: workspaceAliases },
    // The fallback engine's module worker shares chunks with the page.
    worker: { format: 'es' },
    build: {
      outDir: out,
      emptyOutDir: true,
      rolldownOptions: {
        // The app, and the same downloads on the raw Background Fetch API (raw.html).
        input: { main: join(root, 'index.html'), raw: join(root, 'raw.html') },
        // Quiet when the specs build it on a busy machine.
        checks: { pluginTimings: false },
      },
    },
  };
}

export default defineConfig(demoConfig());
