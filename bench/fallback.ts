/**
 * The fallback engine's rows: run in the e2e `/fallback/` test page (the kit from source, bundled by Vite), with the
 * engine's defaults (8 MiB chunks). Page functions are serialised into the page: only their argument and page
 * globals. The memory sampler runs here, in Node, over /proc.
 */
import { readdir, readFile } from 'node:fs/promises';
import type { FetchOptions } from '@bgfetch/core';
import type {} from '../e2e/pages/fallback/api.ts';
import type {} from '../e2e/pages/sw/api.ts';

/** One job of the fallback rows: its URLs, a fresh id, and `fetch()`'s options (`connections`). */
export interface BenchJob {
  urls: string[];
  id: string;
  options?: FetchOptions;
}

/**
 * `fetch()` of one job through the client to its records in Cache Storage (page-side default handler, no service
 * worker).
 */
export async function fallbackIntoCache({ urls, id, options }: BenchJob): Promise<number> {
  const started = performance.now();
  await window.fallback.fetch(id, urls, options);
  while (window.fallback.snapshot(id)?.result === '') await new Promise((resolve) => setTimeout(resolve, 10));
  const elapsed = performance.now() - started;
  const snapshot = window.fallback.snapshot(id);
  if (snapshot?.result !== 'success')
    throw new Error(`the fallback fetch failed: ${snapshot?.failureReason}`);
  await caches.delete('bgfetch:records');
  return elapsed;
}

/**
 * The main thread's long tasks (over 50 ms, `PerformanceObserver` 'longtask': Chromium only) while one job runs,
 * from `fetch()` to its records landed.
 */
export async function longTasksDuring({ urls, id, options }: BenchJob): Promise<number> {
  let count = 0;
  const observer = new PerformanceObserver((list) => {
    count += list.getEntries().length;
  });
  observer.observe({ type: 'longtask' });
  await window.fallback.fetch(id, urls, options);
  while (window.fallback.snapshot(id)?.result === '') await new Promise((resolve) => setTimeout(resolve, 10));
  observer.disconnect();
  if (window.fallback.snapshot(id)?.result !== 'success') throw new Error('the fallback fetch failed');
  await caches.delete('bgfetch:records');
  return count;
}

/** One process of the browser under test, by role. */
export interface ProcessMemory {
  pid: number;
  /** Chromium: `browser`, `renderer`, `gpu-process`, `utility:<sub-type>` (network, storage…), `zygote`…; Firefox: `browser`, `content:<type>`. */
  role: string;
  /** Proportional set size: shared pages split between the processes that map them, so the sum is honest. */
  pss: number;
}

interface ProcInfo {
  pid: number;
  ppid: number;
  cmdline: string;
}

async function processes(): Promise<ProcInfo[]> {
  const found: ProcInfo[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the fields after the last ')' are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      found.push({ pid: Number(entry), ppid, cmdline });
    } catch {
      // The process ended meanwhile.
    }
  }
  return found;
}

function roleOf(cmdline: string): string {
  // Firefox's child processes say `-contentproc … <type>` (tab, rdd, socket, utility…).
  if (cmdline.includes('-contentproc')) return `content:${cmdline.trim().split(' ').at(-1)}`;
  const type = cmdline.match(/--type=([\w-]+)/)?.[1];
  if (type === undefined) return 'browser';
  if (type !== 'utility') return type;
  const sub = cmdline.match(/--utility-sub-type=([\w.]+)/)?.[1] ?? '?';
  return `utility:${sub.replace(/\.mojom\..*$/, '')}`;
}

/**
 * PSS of the whole browser: the process whose command line names the profile (`--user-data-dir=…`, `--profile …`), and every
 * descendant of it (renderers, GPU, network and storage utility processes — their command lines do not name the
 * profile). PSS, from `/proc/<pid>/smaps_rollup`, splits shared pages between processes, so summing is not
 * counting the same library or shared-memory segment once per process, as a sum of RSS would.
 */
export async function browserMemory(profileDir: string): Promise<ProcessMemory[]> {
  const all = await processes();
  const roots = all.filter((p) => p.cmdline.includes(profileDir) && !p.cmdline.includes('--type='));
  const tree = new Set(roots.map((p) => p.pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  const measured: ProcessMemory[] = [];
  for (const p of all) {
    if (!tree.has(p.pid)) continue;
    try {
      const rollup = await readFile(`/proc/${p.pid}/smaps_rollup`, 'utf8');
      const pss = Number(rollup.match(/^Pss:\s+(\d+) kB/m)?.[1] ?? 0) * 1024;
      measured.push({ pid: p.pid, role: roleOf(p.cmdline), pss });
    } catch {
      // Gone meanwhile.
    }
  }
  return measured;
}

export interface MemoryGrowth {
  /** Peak of the summed PSS during the work, over the sum just before it. */
  total: number;
  /** Each role's own peak growth (roles summed over their processes), largest first. */
  byRole: [role: string, growth: number][];
}

const sumByRole = (sample: ProcessMemory[]) => {
  const sums = new Map<string, number>();
  for (const { role, pss } of sample) sums.set(role, (sums.get(role) ?? 0) + pss);
  return sums;
};

/** Samples `browserMemory` every 200 ms until `work` settles. */
export async function memoryGrowth(profileDir: string, work: () => Promise<unknown>): Promise<MemoryGrowth> {
  const baseline = sumByRole(await browserMemory(profileDir));
  const baseTotal = [...baseline.values()].reduce((a, b) => a + b, 0);
  let peakTotal = baseTotal;
  const peaks = new Map(baseline);
  let done = false;
  const finished = work().finally(() => {
    done = true;
  });
  while (!done) {
    const sums = sumByRole(await browserMemory(profileDir));
    peakTotal = Math.max(
      peakTotal,
      [...sums.values()].reduce((a, b) => a + b, 0),
    );
    for (const [role, pss] of sums) peaks.set(role, Math.max(peaks.get(role) ?? 0, pss));
    await Promise.race([finished.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 200))]);
  }
  await finished;
  const byRole = [...peaks]
    .map(([role, peak]): [string, number] => [role, peak - (baseline.get(role) ?? 0)])
    .sort((a, b) => b[1] - a[1]);
  return { total: peakTotal - baseTotal, byRole };
}

/**
 * Row (c): Chromium's native Background Fetch through the kit (the e2e `/sw/` page: `@bgfetch/sw`'s default
 * handlers copy the records into `bgfetch:records` in the service worker), from `fetch()` until the record is in
 * Cache Storage (a `put` appears whole, so polling `match` is exact to the poll interval, 20 ms).
 */
export async function nativeIntoCache({ url, id }: { url: string; id: string }): Promise<number> {
  const started = performance.now();
  await window.swKit.fetch(id, [url]);
  const cache = await caches.open('bgfetch:records');
  for (;;) {
    const snapshot = window.swKit.snapshot(id);
    if (snapshot?.result === 'failure') throw new Error(`the native fetch failed: ${snapshot.failureReason}`);
    if ((await cache.match(url)) !== undefined) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const elapsed = performance.now() - started;
  await caches.delete('bgfetch:records');
  return elapsed;
}
