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
