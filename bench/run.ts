/**
 * `pnpm bench`: figures, not tests. One browser, one run, every figure the median of several runs of the same
 * file from the media server on loopback, printed with its ratio to the platform's own ceiling measured in the
 * same run — so the table means the same on a faster or slower machine.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserSession } from '../e2e/harness/browser-session.ts';
import { launchChromium } from '../e2e/harness/chromium.ts';
import { startMediaServer } from '../e2e/server/server.ts';
import { fetchAndDiscard, fetchIntoCache } from './ceilings.ts';
import { MiB, median, megabytesPerSecond } from './stats.ts';

const size = Number(process.env.BENCH_MIB ?? 512) * MiB;
const runs = Number(process.env.BENCH_RUNS ?? 3);

interface Scenario {
  name: string;
  /** Runs in the page with the file's URL; resolves to the elapsed milliseconds. */
  measure: (url: string) => Promise<number>;
}

const ceiling: Scenario = {
  name: 'fetch → cache.put, one streamed write (ceiling)',
  measure: fetchIntoCache,
};
const scenarios: Scenario[] = [ceiling, { name: 'fetch, read and discard', measure: fetchAndDiscard }];

const server = await startMediaServer({ static: { '/': fileURLToPath(new URL('./page', import.meta.url)) } });
const profileDir = await mkdtemp(join(tmpdir(), 'bgfetch-bench-'));
const browser = await browserSession('chromium', profileDir, launchChromium);
try {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/`);
  const url = server.scope('bench').fileUrl({ name: 'bench.bin', size });
  // One untimed pass warms the server's generator, the socket pool and the browser's cache backend.
  await page.evaluate(fetchIntoCache, url);

  const rates = new Map<Scenario, number>();
  for (const scenario of scenarios) {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) times.push(await page.evaluate(scenario.measure, url));
    rates.set(scenario, megabytesPerSecond(size, median(times)));
  }

  const ceilingRate = rates.get(ceiling)!;
  console.log(`\nChromium, ${size / MiB} MiB from 127.0.0.1, median of ${runs}`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB\n`);
  console.log('| how | MB/s | × ceiling |\n| --- | ---: | ---: |');
  for (const [scenario, rate] of rates) {
    console.log(`| ${scenario.name} | ${rate.toFixed(0)} | ${(rate / ceilingRate).toFixed(2)} |`);
  }
} finally {
  await browser.close();
  await rm(profileDir, { recursive: true, force: true });
  await server.close();
}
