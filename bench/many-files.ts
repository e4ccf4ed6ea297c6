/**
 * The many-files rows: one job of many small files through the fallback engine, beside the same bytes fetched and
 * put by a plain page loop at the browser's own HTTP/1.1 concurrency (six connections per host). Page functions
 * run in the e2e `/fallback/` test page; only their argument and page globals reach them.
 */
import type {} from '../e2e/pages/fallback/api.ts';

/** The ceiling: `fetch` → `cache.put` of every URL, `concurrency` at a time. Resolves to the elapsed milliseconds. */
export async function loopIntoCache({
  urls,
  concurrency,
}: {
  urls: string[];
  concurrency: number;
}): Promise<number> {
  const cache = await caches.open('bench:many');
  const started = performance.now();
  let next = 0;
  // No named inner functions: the page function is serialised, and a bundler's name helper would not come along.
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < urls.length) {
        const url = urls[next++]!;
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${response.status} for ${url}`);
        await cache.put(url, response);
      }
    }),
  );
  const elapsed = performance.now() - started;
  await caches.delete('bench:many');
  return elapsed;
}

/** One fallback job of every URL, from `fetch()` to its records in Cache Storage. */
export async function fallbackManyIntoCache({ urls, id }: { urls: string[]; id: string }): Promise<number> {
  const started = performance.now();
  await window.fallback.fetch(id, urls);
  while (window.fallback.snapshot(id)?.result === '') await new Promise((resolve) => setTimeout(resolve, 20));
  const elapsed = performance.now() - started;
  const snapshot = window.fallback.snapshot(id);
  if (snapshot?.result !== 'success') throw new Error(`the many-file job failed: ${snapshot?.failureReason}`);
  await caches.delete('bgfetch:records');
  return elapsed;
}
