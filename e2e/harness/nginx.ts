import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  accessLogPath,
  NGINX_ORIGINS,
  type NginxLogEntry,
  type NginxOrigin,
  nginxConfig,
  nginxFolders,
  parseAccessLog,
} from './nginx-config';
import { freePort, startProcess, stopProcess, withTimeout } from './processes';

/** Debian's nginx (`nginx-light` or `nginx`); `NGINX=/path/to/nginx` picks another. */
export const NGINX_BINARY = process.env.NGINX ?? '/usr/sbin/nginx';

export interface NginxOptions {
  /** Served at `/` on the `main` and `mirror` origins. */
  pagesDir: string;
  /** Bytes per second of `/slow/` and of `/slow-start/`'s first answers (default 256 KiB/s). */
  slowRate?: number;
}

export interface Nginx {
  /** `http://127.0.0.1:<port>` of each origin (see `nginx-config.ts` for what each one is). */
  readonly origins: Readonly<Record<NginxOrigin, string>>;
  /** The folder served as `/files/`: `<filesDir>/<dir>/<name>` is `/files/<dir>/<name>`. */
  readonly filesDir: string;
  /** The whole access log so far, oldest response first. */
  log(): Promise<NginxLogEntry[]>;
  /** Stops nginx and deletes its folder (files and logs). */
  stop(): Promise<void>;
}

/**
 * Starts Debian's nginx on four free loopback ports, with a config written now under a fresh temp folder
 * (its own prefix, pid, temp paths, logs and files: no root needed). It runs in the foreground as one process, in
 * its own process group, stopped by `stop()` (or killed with the harness's other children if the worker dies).
 */
export async function startNginx(options: NginxOptions): Promise<Nginx> {
  if (!existsSync(NGINX_BINARY)) {
    throw new Error(
      `${NGINX_BINARY} is missing: install Debian's nginx-light (scripts/tools.sh --browsers does)`,
    );
  }
  const prefix = await mkdtemp(join(tmpdir(), 'bgfetch-nginx-'));
  const dataDir = join(prefix, 'data');
  const filesDir = join(dataDir, 'files');
  for (const folder of [...nginxFolders(prefix), filesDir]) await mkdir(folder, { recursive: true });
  const ports = Object.fromEntries(
    await Promise.all(NGINX_ORIGINS.map(async (origin) => [origin, await freePort()] as const)),
  ) as Record<NginxOrigin, number>;
  const configFile = join(prefix, 'nginx.conf');
  await writeFile(
    configFile,
    nginxConfig({
      prefix,
      pagesDir: options.pagesDir,
      dataDir,
      ports,
      slowRate: options.slowRate ?? 256 * 1024,
    }),
  );
  const child = startProcess(NGINX_BINARY, ['-p', prefix, '-c', configFile], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`nginx exited (${code}): ${stderr}`)));
  });
  exited.catch(() => undefined);
  const stop = async () => {
    await stopProcess(child);
    await rm(prefix, { recursive: true, force: true });
  };
  try {
    await withTimeout(
      'nginx start',
      10_000,
      Promise.race([Promise.all(Object.values(ports).map((port) => listening(port, 10_000))), exited]),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const logFile = accessLogPath(prefix);
  return {
    origins: Object.fromEntries(
      NGINX_ORIGINS.map((origin) => [origin, `http://127.0.0.1:${ports[origin]}`]),
    ) as Record<NginxOrigin, string>,
    filesDir,
    async log() {
      const text = await readFile(logFile, 'utf8').catch(() => '');
      return parseAccessLog(text, ports);
    },
    stop,
  };
}

/** Resolves once something accepts connections on the loopback port; gives up after `timeoutMs`. */
async function listening(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(20);
  }
  throw new Error(`nothing listens on port ${port}`);
}
