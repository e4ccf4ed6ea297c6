import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { workspaceAliases } from './vite.aliases.ts';

// Unit tests are for pure logic (the brief): browser behaviour is tested in e2e/ against real browsers.
export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'core', environment: 'node', include: ['packages/core/src/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'sw', environment: 'node', include: ['packages/sw/src/**/*.test.ts'] },
      },
      {
        extends: true,
        plugins: [react()],
        test: { name: 'react', environment: 'jsdom', include: ['packages/react/src/**/*.test.tsx'] },
      },
      {
        extends: true,
        test: { name: 'server', environment: 'node', include: ['e2e/server/**/*.test.ts'] },
      },
      // Story tests in Vitest browser mode (Chromium); the project is named `storybook`.
      'stories/vitest.config.ts',
    ],
  },
});
