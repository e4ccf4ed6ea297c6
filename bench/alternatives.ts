/**
 * The fallback's design where a worker cannot write files (body-writer.ts in core): durable chunks in Cache Storage,
 * then the record from them, measured as plain page code beside the engine's own rows (Chromium, where the engine
 * writes a file) — what that design costs against the ceiling. Serialised into the page, so it
 * uses only its argument and the page's globals, and no named inner functions (tsx would wrap them in a helper the
 * page lacks).
 */

export type RecordDesign =
  /** The chunks alone (a put per 8 MiB received, as the engine's chunk writer does): the first write, no record. */
  | 'chunks'
  /** Chunks, then the record composed from the chunks' Blobs: a copy inside the browser. */
  | 'chunks-then-blob';

/** Fetches `url` and stores it the way `design` says; resolves to the milliseconds from the call to the record. */
export async function storeByDesign({
  url,
  design,
  chunkSize,
}: {
  url: string;
  design: RecordDesign;
  chunkSize: number;
}): Promise<number> {
  const chunks = await caches.open('bench-design-chunks');
  const target = await caches.open('bench-design-records');
  const started = performance.now();
  const reader = (await fetch(url, { cache: 'no-store' })).body!.getReader();
  const keys: string[] = [];
  let parts: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (!done) {
      parts.push(value);
      size += value.byteLength;
    }
    if (size > 0 && (done || size >= chunkSize)) {
      const key = `/__bench/chunk/${keys.length}`;
      await chunks.put(key, new Response(new Blob(parts)));
      keys.push(key);
      parts = [];
      size = 0;
    }
    if (done) break;
  }
  if (design === 'chunks-then-blob') {
    const blobs: Blob[] = [];
    for (const key of keys) blobs.push(await (await chunks.match(key))!.blob());
    await target.put(url, new Response(new Blob(blobs)));
  }
  const elapsed = performance.now() - started;
  await caches.delete('bench-design-chunks');
  await caches.delete('bench-design-records');
  return elapsed;
}
