import type { StoredResponse } from '../stored-record.js';
import { openStoredResponse } from '../stored-record.js';

/**
 * How the page-side default handler writes a finished record from its chunks (the fallback's second write):
 * - `'stream'`: the chunks' bodies are pulled one after the other through a script `ReadableStream`
 *   (`openStoredResponse`): every byte passes through the worker, memory stays flat in every engine;
 * - `'blob'`: the chunks' Blobs are composed into one (`new Blob([await (await chunks.match(key)).blob(), …])`)
 *   and put as one `Response`. In Chromium a Blob read from Cache Storage is a handle on the stored entry, so the
 *   browser copies the bytes without script touching them: measured 1.4–1.7× faster end to end than `'stream'`
 *   (root README, "Benchmarks"); the browser's memory peak during a 1 GiB download swung between runs for both
 *   modes (0–121 MiB), so it is opt-in. Firefox and WebKit may read such Blobs into memory: keep `'stream'` there.
 *
 * A third design, writing the record alongside the chunks while the bytes arrive (pipelined), was measured slower
 * than writing it after them in Chromium here (bench/alternatives.ts). WebKit was also seen taking a put's whole
 * streamed body before storing any of it (a 640 MiB record: usage unchanged for 15 s, then the quota refusal), so a
 * put held open for a whole download may hold the file in memory there. The record is written after the download.
 */
export type RecordAssembly = 'stream' | 'blob';

/** The whole record, assembled as `how` says. */
export async function assembledResponse(
  response: StoredResponse,
  chunks: Cache,
  how: RecordAssembly,
): Promise<Response> {
  const nullBody = response.status === 204 || response.status === 205 || response.status === 304;
  if (how === 'stream' || nullBody) return openStoredResponse(response, chunks);
  const parts: Blob[] = [];
  for (const key of response.chunkKeys) {
    const chunk = await chunks.match(key);
    if (chunk === undefined) {
      throw new DOMException(`bgfetch: stored chunk ${key} is missing`, 'NotFoundError');
    }
    parts.push(await chunk.blob());
  }
  return new Response(new Blob(parts), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers.filter(([name]) => name.toLowerCase() !== 'content-range'),
  });
}
