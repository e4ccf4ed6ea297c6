/**
 * The platform's own ceilings, measured in the page: what any download library in this browser can at best reach.
 * Each function is serialised into the page, so it may use only its argument and the page's globals.
 */

/** `fetch` and read the body to its end, keeping nothing: the network and stream ceiling. */
export async function fetchAndDiscard(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { cache: 'no-store' });
  const reader = response.body!.getReader();
  while (!(await reader.read()).done) {}
  return performance.now() - started;
}

/** `fetch` streamed into `cache.put` in one write: the ceiling for "download it and keep it". */
export async function fetchIntoCache(url: string): Promise<number> {
  const started = performance.now();
  const cache = await caches.open('bench-ceiling');
  await cache.put(url, await fetch(url, { cache: 'no-store' }));
  const elapsed = performance.now() - started;
  await caches.delete('bench-ceiling');
  return elapsed;
}

/**
 * Many files, the plain way: `concurrency` loops, each taking the next URL and streaming it into `cache.put`. The
 * ceiling for a job of many files, at the concurrency a browser gives one HTTP/1.1 host.
 */
export async function loopIntoCache({
  urls,
  concurrency,
}: {
  urls: string[];
  concurrency: number;
}): Promise<number> {
  const started = performance.now();
  const cache = await caches.open('bench-loop');
  let next = 0;
  // No named inner function: the bundler's helper for its name would not exist in the page.
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < urls.length) {
        const url = urls[next++]!;
        await cache.put(url, await fetch(url, { cache: 'no-store' }));
      }
    }),
  );
  const elapsed = performance.now() - started;
  await caches.delete('bench-loop');
  return elapsed;
}
