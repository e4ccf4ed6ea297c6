import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { APP_DIR_ENV, EPISODE_PATH, EPISODE_SIZE } from './constants';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const templateDir = fileURLToPath(new URL('./template', import.meta.url));
const attw = fileURLToPath(new URL('../node_modules/.bin/attw', import.meta.url));
const packages = ['core', 'react', 'sw'];

/** The environment without what a package manager running this script set for its own children (`npm_config_…`). */
const outsideEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')),
);

/** Runs a command; on failure the error carries its whole output. */
async function sh(what: string, command: string, args: string[], cwd: string): Promise<void> {
  try {
    await run(command, args, { cwd, env: outsideEnv, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${what} failed (${command} ${args.join(' ')} in ${cwd}):\n${stdout}\n${stderr}`);
  }
}

/** publint (strict), the tarball's files and ranges, and are-the-types-wrong (ESM-only profile) on a packed tarball. */
async function lintTarball(tarball: string): Promise<void> {
  const bytes = await readFile(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
    strict: true,
  });
  if (messages.length > 0) {
    const lines = messages.map(
      (message) => `${message.type}: ${formatMessage(message, pkg) ?? message.code}`,
    );
    throw new Error(`publint, ${tarball}:\n${lines.join('\n')}`);
  }
  // What publint does not ask: a licence, no build leftovers, and ranges an app can share (one zustand, one core).
  const { stdout } = await run('tar', ['-tzf', tarball]);
  const files = stdout.split('\n');
  const problems = [
    ...(files.includes('package/LICENSE') ? [] : ['no LICENSE']),
    ...files.filter((file) => file.endsWith('.tsbuildinfo')).map((file) => `ships ${file}`),
    ...Object.entries((pkg.dependencies ?? {}) as Record<string, string>)
      .filter(([, range]) => !range.startsWith('^'))
      .map(([name, range]) => `dependency ${name} is pinned to ${range}, not a ^ range`),
  ];
  if (problems.length > 0) throw new Error(`${tarball}:\n${problems.join('\n')}`);
  // A stylesheet has no types to resolve: only the JavaScript entry points are checked.
  await sh(
    'are-the-types-wrong',
    attw,
    [tarball, '--profile', 'esm-only', '--exclude-entrypoints', './styles.css', '-f', 'ascii'],
    repoRoot,
  );
}

/**
 * Global setup of the consumer suite, run once for every engine: packs the three packages (built afresh), lints the
 * tarballs, and makes a brand-new app outside the workspace from `template/` with the tarballs installed by npm
 * (the registry for everything else), then builds it twice (its own service-worker entry; vite-plugin-pwa). The
 * specs find it through `APP_DIR_ENV`; the returned teardown deletes it.
 */
export default async function prepare(): Promise<() => Promise<void>> {
  const work = await mkdtemp(join(tmpdir(), 'bgfetch-consumer-'));
  const removeWork = () => rm(work, { recursive: true, force: true });
  try {
    await makeApp(work);
  } catch (error) {
    // Playwright runs no teardown for a global setup that threw.
    await removeWork();
    throw error;
  }
  return removeWork;
}

async function makeApp(work: string): Promise<void> {
  const packs = join(work, 'packs');
  const app = join(work, 'app');
  // Each package's `prepack` builds it from an empty dist/, so no output of a deleted source is packed.
  for (const name of packages) {
    await sh(`pack ${name}`, 'pnpm', ['pack', '--pack-destination', packs], join(repoRoot, 'packages', name));
  }
  const tarballs = (await readdir(packs)).map((file) => join(packs, file));
  await Promise.all(tarballs.map(lintTarball));

  await cp(templateDir, app, { recursive: true });
  // The episode the app downloads, served by the app itself (Vite's public folder).
  await mkdir(join(app, 'public/media'), { recursive: true });
  await writeFile(join(app, 'public', EPISODE_PATH), randomBytes(EPISODE_SIZE));
  await sh(
    'npm install',
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs],
    app,
  );
  await sh('build', 'npm', ['run', 'build'], app);
  await sh('build with vite-plugin-pwa', 'npm', ['run', 'build:pwa'], app);

  process.env[APP_DIR_ENV] = app;
}
