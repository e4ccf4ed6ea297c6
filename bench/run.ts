/**
 * `pnpm bench`: figures, not tests. One browser, one run, every figure the median of several runs of the same
 * file from the media server on loopback, printed with its ratio to the platform's own ceiling measured in the
 * same run — so the table means the same on a faster or slower machine.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CHUNK_SIZE } from '@bgfetch/core';
import { build } from 'vite';
import { browserSession } from '../e2e/harness/browser-session.ts';
import { launcherFor } from '../e2e/harness/engines.ts';
import type { Engine, TestPage } from '../e2e/harness/session.ts';
import { pagesConfig } from '../e2e/pages/vite.config.ts';
import { startMediaServer } from '../e2e/server/server.ts';
import { type RecordDesign, storeByDesign } from './alternatives.ts';
import { fetchAndDiscard, fetchIntoCache, loopIntoCache } from './ceilings.ts';
import { fallbackIntoCache, longTasksDuring, memoryGrowth, nativeIntoCache } from './fallback.ts';
import { KiB, MiB, median, megabytesPerSecond } from './stats.ts';

const size = Number(process.env.BENCH_MIB ?? 512) * MiB;
const runs = Number(process.env.BENCH_RUNS ?? 3);
const memorySize = Number(process.env.BENCH_MEMORY_MIB ?? 1024) * MiB;
/** Files of the many-file job (256 KiB each), and the larger job of the per-request cost. */
const jobFiles = Number(process.env.BENCH_JOB_FILES ?? 1000);
/** Connections a browser opens to one HTTP/1.1 host, and the engine's default `connectionsPerHost`. */
const HOST_CONNECTIONS = 6;
/** The media server's cap on each connection for the capped rows (`throttle`: per response, so per connection). */
const connectionCap = Number(process.env.BENCH_CONNECTION_BYTES_PER_SECOND ?? 10_000_000);
/** Chromium (the default: it has the native engine to compare with) or Firefox; WebKit needs a display. */
const engine = (process.env.BENCH_BROWSER ?? 'chromium') as Engine;
if (engine !== 'chromium' && engine !== 'firefox')
  throw new Error(`BENCH_BROWSER must be chromium or firefox`);
const hasNative = engine === 'chromium';

interface Scenario {
  name: string;
  /** Runs in the page with the file's URL; resolves to the elapsed milliseconds. */
  measure: (url: string) => Promise<number>;
}

const ceiling: Scenario = {
  name: 'fetch → cache.put, one streamed write (ceiling)',
  measure: fetchIntoCache,
};
let kitRuns = 0;
/** A row measured through a page function that takes `{ url, id }` (a fresh id each run). */
const kitRow = (
  name: string,
  fn: (arg: { url: string; id: string }) => Promise<number>,
  on: () => TestPage,
): Scenario => ({ name, measure: (url) => on().evaluate(fn, { url, id: `bench-${kitRuns++}` }) });
const discard: Scenario = { name: 'fetch, read and discard', measure: fetchAndDiscard };
// The engine as shipped, no service worker: in Chromium the bytes go into a file, and the page-side default
// handler puts that File as the record.
const fallback: Scenario = {
  name: 'fallback engine, fetch() → record in Cache Storage',
  measure: (url) => page.evaluate(fallbackIntoCache, { urls: [url], id: `bench-${kitRuns++}` }),
};
const native = kitRow(
  'native Background Fetch, fetch() → success handler stored the record',
  nativeIntoCache,
  () => nativePage!,
);
const scenarios: Scenario[] = hasNative ? [ceiling, discard, fallback, native] : [ceiling, discard, fallback];
// A server that caps each connection (as CDNs and model hubs do): the same file, every response throttled.
const capped = (url: string) => `${url}&throttle=${connectionCap}`;
const cappedMB = (connectionCap / 1e6).toFixed(0);
const cappedFallback = (connections: 'auto' | number): Scenario => ({
  name: `fallback engine, connections: ${connections}, each connection capped at ${cappedMB} MB/s`,
  measure: (url) =>
    page.evaluate(fallbackIntoCache, {
      urls: [capped(url)],
      id: `bench-${kitRuns++}`,
      options: { connections },
    }),
});
const cappedOne = cappedFallback(1);
const cappedAuto = cappedFallback('auto');
const cappedNative: Scenario = {
  name: `native Background Fetch, each connection capped at ${cappedMB} MB/s`,
  measure: (url) => nativePage!.evaluate(nativeIntoCache, { url: capped(url), id: `bench-${kitRuns++}` }),
};
const cappedRows: Scenario[] = hasNative ? [cappedNative, cappedOne, cappedAuto] : [cappedOne, cappedAuto];
// Designs for the record, as plain page code (bench/alternatives.ts): what the engine could reach with each.
const designs: Record<RecordDesign, string> = {
  chunks: 'chunks in Cache Storage only (the first write alone, no record)',
  'chunks-then-blob': "chunks, then the record from the chunks' Blobs",
};
const designRows = Object.entries(designs).map(
  ([design, name]): Scenario => ({
    name,
    measure: (url) =>
      page.evaluate(storeByDesign, { url, design: design as RecordDesign, chunkSize: DEFAULT_CHUNK_SIZE }),
  }),
);

// The kit's rows run in the e2e fallback page, built here into bench/.cache (never the e2e suite's own folder).
const pagesDir = fileURLToPath(new URL('./.cache/pages', import.meta.url));
await build({ ...pagesConfig(pagesDir), configFile: false });
const server = await startMediaServer({
  static: { '/bench/': fileURLToPath(new URL('./page', import.meta.url)), '/': pagesDir },
});
const profileDir = await mkdtemp(join(tmpdir(), 'bgfetch-bench-'));
const browser = await browserSession(engine, profileDir, launcherFor(engine, undefined));
let page: TestPage;
let nativePage: TestPage | undefined;
try {
  page = await browser.newPage();
  await page.goto(`${server.origin}/fallback/`);
  await page.evaluate(() => window.fallback.start({ serviceWorker: false }));
  if (hasNative) {
    nativePage = await browser.newPage();
    await nativePage.goto(`${server.origin}/sw/`);
    await nativePage.evaluate(() => window.swKit.start());
  }
  const url = server.scope('bench').fileUrl({ name: 'bench.bin', size });
  // One untimed pass warms the server's generator, the socket pool and the browser's cache backend; a small
  // native fetch takes the 2–4 s Chromium waits before its first Background Fetch after launch (docs/browsers.md).
  await page.evaluate(fetchIntoCache, url);
  const warm = server.scope('bench-warm').fileUrl({ name: 'warm.bin', size: MiB });
  await nativePage?.evaluate(nativeIntoCache, { url: warm, id: 'bench-warm' });

  // Runs are interleaved (every row once, then again), so that a change in the machine's load meets every row.
  const times = new Map<Scenario, number[]>();
  const loads: string[] = [];
  for (let run = 0; run < runs; run++) {
    for (const scenario of [...scenarios, ...designRows, ...cappedRows]) {
      const time =
        scenario === ceiling || scenario === discard
          ? await page.evaluate(scenario.measure, url)
          : await scenario.measure(url);
      times.set(scenario, [...(times.get(scenario) ?? []), time]);
    }
    loads.push((await readFile('/proc/loadavg', 'utf8')).split(' ')[0]!);
  }
  const rates = new Map(
    [...times].map(([scenario, list]) => [scenario, megabytesPerSecond(size, median(list))]),
  );

  // Memory: the growth of the whole browser's PSS (the browser process and every descendant: renderer, GPU,
  // network and storage utilities) during one fallback download of 1 GiB, sampled every 200 ms (bench/fallback.ts).
  const big = server.scope('bench-memory').fileUrl({ name: 'memory.bin', size: memorySize });
  const growth = await memoryGrowth(profileDir, () =>
    page.evaluate(fallbackIntoCache, { urls: [big], id: 'bench-memory' }),
  );

  // Long tasks of the page's main thread during one fallback download over 4 connections (Chromium has the entry
  // type; elsewhere the figure is not measured).
  const longTasks = hasNative
    ? await page.evaluate(longTasksDuring, {
        urls: [url],
        id: 'bench-long-tasks',
        options: { connections: 4 },
      })
    : undefined;

  // Bytes fetched again after the connection is cut half-way through a chunk past 50% (from the server's log): the
  // engine commits what it received before it retries, so only what the browser had buffered and dropped is lost.
  const cutScope = server.scope('bench-cut');
  const cutAt = size / 2 + DEFAULT_CHUNK_SIZE / 2;
  const cutUrl = cutScope.fileUrl({ name: 'cut.bin', size }, { cutAfter: cutAt });
  // On one connection: the figure is what one cut costs (ranges each resume the same way).
  await page.evaluate(fallbackIntoCache, { urls: [cutUrl], id: 'bench-cut', options: { connections: 1 } });
  const cutLog = await cutScope.settled();
  const refetched = cutLog.reduce((sum, entry) => sum + entry.bytesSent, 0) - size;

  // The same past half-way through a chunk, but the worker dies (the page reloads): no error path runs, so what was
  // received since the last commit (up to one chunk) is fetched again when the next page resumes the job.
  const crashScope = server.scope('bench-crash');
  const crashUrl = crashScope.fileUrl({ name: 'crash.bin', size });
  // Slowed (about 8 s for the file) until the reload, so that the reload lands mid-download; full speed after.
  crashScope.setKnobs('crash.bin', { throttle: Math.round(size / 8) });
  await page.evaluate((url) => window.fallback.fetch('bench-crash', [url], { connections: 1 }), crashUrl);
  await page.waitForFunction(
    (at) => (window.fallback.snapshot('bench-crash')?.downloaded ?? 0) >= at,
    cutAt,
    { timeout: 600_000 },
  );
  await page.reload();
  crashScope.setKnobs('crash.bin', {});
  await page.evaluate(() => window.fallback.start({ serviceWorker: false }));
  await page.waitForFunction(() => window.fallback.snapshot('bench-crash')?.result === 'success', undefined, {
    timeout: 600_000,
  });
  await page.evaluate(() => caches.delete('bgfetch:records'));
  const crashLog = await crashScope.settled();
  const refetchedAfterCrash = crashLog.reduce((sum, entry) => sum + entry.bytesSent, 0) - size;

  // Many-file jobs: a job of `jobFiles` × 256 KiB against a plain fetch → cache.put loop at the same concurrency
  // (the same URLs, loop first), and the engine's time per request for jobs of 10 and `jobFiles` files of 1 KiB,
  // where per-request work, not bytes, is the cost.
  const jobScope = server.scope('bench-jobs');
  const jobUrls = (prefix: string, count: number, fileSize: number) =>
    Array.from({ length: count }, (_, index) =>
      jobScope.fileUrl({ name: `${prefix}-${index}.bin`, size: fileSize }),
    );
  const manyUrls = jobUrls('many', jobFiles, 256 * KiB);
  const loopTime = await page.evaluate(loopIntoCache, { urls: manyUrls, concurrency: HOST_CONNECTIONS });
  const jobTime = await page.evaluate(fallbackIntoCache, { urls: manyUrls, id: 'bench-many' });
  const perRequest = async (count: number) =>
    (await page.evaluate(fallbackIntoCache, {
      urls: jobUrls(`tiny${count}`, count, KiB),
      id: `bench-tiny-${count}`,
    })) / count;
  const perRequestSmall = await perRequest(10);
  const perRequestLarge = await perRequest(jobFiles);

  const ceilingRate = rates.get(ceiling)!;
  console.log(`\n${engine}, ${size / MiB} MiB from 127.0.0.1, median of ${runs}`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB\n`);
  console.log(`load average (1 min) after each round of runs: ${loads.join(', ')}\n`);
  const table = (rows: Scenario[]) => {
    console.log('| how | MB/s | × ceiling |\n| --- | ---: | ---: |');
    for (const scenario of rows) {
      const rate = rates.get(scenario)!;
      console.log(`| ${scenario.name} | ${rate.toFixed(0)} | ${(rate / ceilingRate).toFixed(2)} |`);
    }
  };
  table(scenarios);
  console.log('\nDesigns for the record, plain page code beside the engine (bench/alternatives.ts):\n');
  table(designRows);
  console.log(`\nA server capping each connection at ${cappedMB} MB/s (the media server's throttle):\n`);
  table(cappedRows);
  const fallbackRate = rates.get(fallback)!;
  const autoRate = rates.get(cappedAuto)!;
  console.log(`\n| fallback figure | value | target |\n| --- | ---: | --- |`);
  console.log(
    `| × ceiling (fetch → cache.put), connections: auto | ${(fallbackRate / ceilingRate).toFixed(2)} | ≥ 0.9 |`,
  );
  console.log(
    `| capped connections: auto × connections: 1 | ${(autoRate / rates.get(cappedOne)!).toFixed(2)} | ≥ 3 |`,
  );
  if (hasNative)
    console.log(
      `| capped connections: auto × native | ${(autoRate / rates.get(cappedNative)!).toFixed(2)} | ≥ 3 |`,
    );
  if (longTasks !== undefined)
    console.log(`| main-thread long tasks (> 50 ms), connections: 4 | ${longTasks} | 0 |`);
  console.log(`| × read and discard | ${(fallbackRate / rates.get(discard)!).toFixed(2)} | (figure) |`);
  if (hasNative)
    console.log(`| × native engine end to end | ${(fallbackRate / rates.get(native)!).toFixed(2)} | ≥ 1.0 |`);
  console.log(
    `| browser memory growth (PSS, all processes), ${memorySize / MiB} MiB download | ${(growth.total / MiB).toFixed(0)} MiB | < 64 MiB |`,
  );
  console.log(
    `| re-fetched after a cut (network) at ${(cutAt / MiB).toFixed(0)} of ${size / MiB} MiB | ${(refetched / MiB).toFixed(2)} MiB | ≤ 1 MiB (what the browser dropped) |`,
  );
  console.log(
    `| re-fetched after a crash of the worker past ${(cutAt / MiB).toFixed(0)} of ${size / MiB} MiB | ${(refetchedAfterCrash / MiB).toFixed(2)} MiB | ≤ one chunk (${DEFAULT_CHUNK_SIZE / MiB} MiB) |`,
  );
  console.log(
    `| job of ${jobFiles} files × 256 KiB, × a plain fetch → cache.put loop, ${HOST_CONNECTIONS} at a time (${(loopTime / 1000).toFixed(1)} s) | ${(loopTime / jobTime).toFixed(2)} (${(jobTime / 1000).toFixed(1)} s) | ≥ 0.7 |`,
  );
  console.log(`| engine time per request, job of 10 × 1 KiB | ${perRequestSmall.toFixed(1)} ms | flat |`);
  console.log(
    `| engine time per request, job of ${jobFiles} × 1 KiB | ${perRequestLarge.toFixed(1)} ms | flat |`,
  );
  const requests = (log: typeof cutLog) =>
    log.map((e) => `${e.range ?? 'whole'} → ${e.bytesSent}`).join(', ');
  console.log(`\nrequests of the cut download: ${requests(cutLog)}`);
  console.log(`requests of the crashed download: ${requests(crashLog)}`);
  const roles = (g: typeof growth) =>
    g.byRole.map(([role, bytes]) => `${role} ${(bytes / MiB).toFixed(0)} MiB`).join(', ');
  console.log(`peak PSS growth by process: ${roles(growth)}`);
} finally {
  await browser.close();
  await rm(profileDir, { recursive: true, force: true });
  await server.close();
}
