import { fileURLToPath } from 'node:url';

const packagesDir = fileURLToPath(new URL('./packages', import.meta.url));

/**
 * Apps, stories, tests and benches in this repo import the kit's packages from source, so a change is live
 * without a rebuild. Published consumers get `dist/` through each package's `exports`. Exact matches only: a
 * string alias would also rewrite subpaths such as `@bgfetch/core/internal`.
 */
export const workspaceAliases = [
  { find: /^@bgfetch\/core\/testing$/, replacement: `${packagesDir}/core/src/testing/index.ts` },
  { find: /^@bgfetch\/core\/internal$/, replacement: `${packagesDir}/core/src/internal.ts` },
  {
    find: /^@bgfetch\/react\/(devtools|library|priority)$/,
    replacement: `${packagesDir}/react/src/$1/index.ts`,
  },
  { find: /^@bgfetch\/(core|react|sw)$/, replacement: `${packagesDir}/$1/src/index.ts` },
];
