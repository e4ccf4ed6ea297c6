/**
 * Designs for the fallback's record, measured as plain page code beside the engine's own rows (not the engine): how
 * much each way of getting "durable chunks + one record" costs against the ceiling. Serialised into the page, so it
 * uses only its argument and the page's globals, and no named inner functions (tsx would wrap them in a helper the
 * page lacks).
 */

export type RecordDesign =
  /** The chunks alone (8 MiB puts fed while the bytes arrive): the fallback's first write, no record. */
  | 'chunks'
  /** Chunks, then the record composed from the chunks' Blobs (`recordAssembly: 'blob'`): a copy inside the browser. */
  | 'chunks-then-blob'
  /**
   * Pipelined: one more put, of the whole record, fed the same bytes as the chunks while they arrive and held open to
   * the end (a put shows nothing until its body ends), so no second write follows the download.
   */
  | 'pipelined'
  /** Pipelined into a staging entry of the chunk cache, then `put(url, await staging.match(key))` into the records. */
  | 'pipelined-then-copy'
  /**
   * The bytes kept out of script: one `Range` request per chunk, its body handed to `cache.put` untouched, then the
   * record composed from the chunks' Blobs. No per-byte progress is possible this way (only per chunk).
   */
  | 'range-chunks-then-blob';

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
  // A stream the code pushes into, one piece in its queue at most: `push` waits until the put took it.
  const streams = {
    open() {
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      let wake: (() => void) | undefined;
      const stream = new ReadableStream<Uint8Array>(
        {
          start(given) {
            controller = given;
          },
          pull() {
            wake?.();
            wake = undefined;
          },
        },
        { highWaterMark: 1 },
      );
      return {
        stream,
        async push(value: Uint8Array) {
          controller.enqueue(value);
          if ((controller.desiredSize ?? 1) <= 0) await new Promise<void>((resolve) => (wake = resolve));
        },
        close() {
          controller.close();
        },
      };
    },
  };
  const chunks = await caches.open('bench-design-chunks');
  const target = await caches.open('bench-design-records');
  const started = performance.now();
  if (design === 'range-chunks-then-blob') {
    const parts: Blob[] = [];
    for (let from = 0, total = Number.POSITIVE_INFINITY; from < total; from += chunkSize) {
      const answer = await fetch(url, {
        cache: 'no-store',
        headers: { Range: `bytes=${from}-${from + chunkSize - 1}` },
      });
      total = Number(answer.headers.get('Content-Range')?.split('/')[1]);
      const key = `/__bench/chunk/${from}`;
      // Cache Storage refuses a 206 as it is: the same body, in a plain response.
      await chunks.put(key, new Response(answer.body));
      parts.push(await (await chunks.match(key))!.blob());
    }
    await target.put(url, new Response(new Blob(parts)));
    const elapsed = performance.now() - started;
    await caches.delete('bench-design-chunks');
    await caches.delete('bench-design-records');
    return elapsed;
  }
  const reader = (await fetch(url, { cache: 'no-store' })).body!.getReader();
  const pipelined = design === 'pipelined' || design === 'pipelined-then-copy';
  const staging = pipelined ? streams.open() : undefined;
  const staged = staging && (design === 'pipelined' ? target : chunks).put(url, new Response(staging.stream));
  const keys: string[] = [];
  let chunk: { push(value: Uint8Array): Promise<void>; close(): void } | undefined;
  let put: Promise<void> | undefined;
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (!done) {
      if (chunk === undefined) {
        const opened = streams.open();
        const key = `/__bench/chunk/${keys.length}`;
        keys.push(key);
        chunk = opened;
        put = chunks.put(key, new Response(opened.stream));
        size = 0;
      }
      await Promise.all([chunk.push(value), staging?.push(value)]);
      size += value.byteLength;
    }
    if (chunk !== undefined && (done || size >= chunkSize)) {
      chunk.close();
      await put;
      chunk = undefined;
    }
    if (done) break;
  }
  staging?.close();
  await staged;
  if (design === 'pipelined-then-copy') await target.put(url, (await chunks.match(url))!);
  if (design === 'chunks-then-blob') {
    const parts: Blob[] = [];
    for (const key of keys) parts.push(await (await chunks.match(key))!.blob());
    await target.put(url, new Response(new Blob(parts)));
  }
  const elapsed = performance.now() - started;
  await caches.delete('bench-design-chunks');
  await caches.delete('bench-design-records');
  return elapsed;
}
