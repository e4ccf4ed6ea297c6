import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig, mergeConfig } from 'vitest/config';
import { debianChromium } from '../debian-chromium.ts';
import viteConfig from './.storybook/vite.config.ts';

/**
 * Story tests: every story renders in a real Chromium (Vitest browser mode), its play function runs and axe checks
 * it (`a11y.test: 'error'` in .storybook/preview.ts). The root vitest.config.ts lists this file as a project, so
 * `pnpm exec vitest run --project storybook` runs only these and `pnpm exec vitest run` runs them with the units.
 */
export default mergeConfig(
  viteConfig,
  defineConfig({
    plugins: [
      // Resolved against process.cwd() when relative, so give an absolute path (the root runs this project).
      storybookTest({ configDir: fileURLToPath(new URL('./.storybook', import.meta.url)) }),
    ],
    test: {
      name: 'storybook',
      // The plugin excludes MDX only relative to the cwd; run from the root, the docs page would show up as an
      // empty, skipped test file.
      exclude: ['**/node_modules/**', '**/*.mdx'],
      browser: {
        enabled: true,
        headless: true,
        provider: playwright({
          launchOptions: debianChromium,
        }),
        instances: [{ browser: 'chromium' }],
      },
    },
  }),
);
