import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { workspaceAliases } from '../../vite.aliases.ts';

/**
 * Storybook's own Vite config (main.ts points `viteConfigPath` here), shared with the story tests
 * (../vitest.config.ts). The kit's packages resolve to their source, so stories show the current code
 * without a package build.
 */
export default defineConfig({
  plugins: [react()],
  resolve: { alias: workspaceAliases },
});
