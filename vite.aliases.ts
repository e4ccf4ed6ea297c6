import { fileURLToPath } from 'node:url';

/**
 * Apps, stories, tests and benches in this repo import the kit's packages from source, so a change is live
 * without a rebuild. Published consumers get `dist/` through each package's `exports`.
 */
const source = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export const workspaceAliases = {
  '@bgfetch/core': source('core'),
  '@bgfetch/react': source('react'),
  '@bgfetch/sw': source('sw'),
};
