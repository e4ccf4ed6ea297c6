import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

it('cli: prints its one line, serves the app folder and stops on SIGTERM', async () => {
  const app = mkdtempSync(join(tmpdir(), 'media-server-cli-'));
  writeFileSync(join(app, 'index.html'), 'hello');
  const child = spawn(join(here, '..', 'node_modules', '.bin', 'tsx'), [join(here, 'cli.ts'), '--app', app], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  expect(line).toMatch(/^bgfetch media server: http:\/\/127\.0\.0\.1:\d+\/$/);
  const origin = line.slice('bgfetch media server: '.length);
  expect(await (await fetch(origin)).text()).toBe('hello');
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  expect(await exited).toEqual([0, null]);
  rmSync(app, { recursive: true });
}, 15_000);
