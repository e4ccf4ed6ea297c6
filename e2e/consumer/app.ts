import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test as base } from '../harness/fixtures';
import { APP_DIR_ENV, EPISODE_PATH } from './constants';

type Vite = typeof import('vite');

/** How the app is served: the build (`vite preview`), the vite-plugin-pwa build, or the dev server. */
export type Serving = 'preview' | 'preview-pwa' | 'dev';

export interface ServedApp {
  origin: string;
  /** Hex SHA-256 of the episode as the server serves it. */
  episodeSha256(): Promise<string>;
}

function appDir(): string {
  const dir = process.env[APP_DIR_ENV];
  if (!dir)
    throw new Error(`${APP_DIR_ENV} is not set: run the consumer suite through its config (prepare.ts)`);
  return dir;
}

/** Serves the app with the app's own Vite (its node_modules, not the workspace's), on a free loopback port. */
async function serve(serving: Serving): Promise<{ origin: string; close(): Promise<void> }> {
  const root = appDir();
  const vite: Vite = await import(pathToFileURL(join(root, 'node_modules/vite/dist/node/index.js')).href);
  const common = { root, logLevel: 'warn' as const };
  const listen = { host: '127.0.0.1', port: 0 };
  const server =
    serving === 'dev'
      ? await (await vite.createServer({ ...common, server: listen })).listen()
      : await vite.preview({
          ...common,
          ...(serving === 'preview-pwa' ? { configFile: join(root, 'vite.pwa.config.ts') } : {}),
          preview: listen,
        });
  const origin = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!origin) throw new Error(`vite ${serving} has no local URL`);
  return { origin, close: () => server.close() };
}

export const test = base.extend<{ app: ServedApp; serving: Serving }>({
  serving: ['preview', { option: true }],
  app: async ({ serving }, use) => {
    const server = await serve(serving);
    try {
      await use({
        origin: server.origin,
        async episodeSha256() {
          const response = await fetch(`${server.origin}/${EPISODE_PATH}`);
          if (!response.ok) throw new Error(`GET /${EPISODE_PATH}: ${response.status}`);
          return createHash('sha256')
            .update(Buffer.from(await response.arrayBuffer()))
            .digest('hex');
        },
      });
    } finally {
      await server.close();
    }
  },
});

export { expect } from '../harness/fixtures';
