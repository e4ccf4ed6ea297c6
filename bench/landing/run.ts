/**
 * Which way of replacing a stored record only once it verified is cheaper, in Chromium: (a) verify as it streams
 * into `cache.put` (a wrong body errors the stream, so the put writes nothing), or (b) stage it in a staging cache,
 * verify, copy the staged entry into the target, delete the staged one. `pnpm exec tsx landing/run.ts` from bench/:
 * the median of 5 interleaved runs of a 64 MiB body (generated in the page, so the network is not measured), in ms.
 * Measured here: stream 285 ms, staging 441 ms (the staged copy is read and written once more).
 */
import { chromium } from '@playwright/test';
import { debianChromium } from '../../debian-chromium.ts';

const MiB = 1024 * 1024;
// 64 MiB: a non-persistent context keeps Cache Storage in memory, and refused 256 MiB here.
const size = Number(process.env.BENCH_MIB ?? 64) * MiB;
const browser = await chromium.launch(debianChromium);
const page = await browser.newPage();
await page.route('http://localhost:9/', (route) =>
  route.fulfill({ body: '<!doctype html>', contentType: 'text/html' }),
);
await page.goto('http://localhost:9/');

/** In the page, as a string: tsx would wrap named functions in a helper the page does not have. */
const inPage = `async ({ design, size }) => {
  const body = () => {
    let sent = 0;
    const chunk = new Uint8Array(1024 * 1024).fill(7);
    return new ReadableStream({
      pull(controller) {
        if (sent >= size) return controller.close();
        controller.enqueue(chunk.slice());
        sent += chunk.byteLength;
      },
    });
  };
  // The verification is the same in both designs (count the bytes); only the writes differ.
  const counting = () => {
    let bytes = 0;
    return new TransformStream({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
      flush(controller) {
        if (bytes !== size) controller.error(new TypeError('length'));
      },
    });
  };
  await caches.delete('target');
  await caches.delete('staging');
  const target = await caches.open('target');
  const start = performance.now();
  if (design === 'stream') {
    await target.put('/file', new Response(body().pipeThrough(counting())));
  } else {
    const staging = await caches.open('staging');
    await staging.put('/file', new Response(body().pipeThrough(counting())));
    await target.put('/file', await staging.match('/file'));
    await staging.delete('/file');
  }
  return performance.now() - start;
}`;

const measure = (design: 'stream' | 'staging') =>
  page.evaluate(`(${inPage})(${JSON.stringify({ design, size })})`) as Promise<number>;

// Interleaved, after a warm-up of each, so that neither design pays the browser's first writes.
const times = { stream: [] as number[], staging: [] as number[] };
for (let run = -1; run < 5; run++) {
  for (const design of ['stream', 'staging'] as const) {
    const ms = await measure(design);
    if (run >= 0) times[design].push(ms);
  }
}
for (const [design, list] of Object.entries(times)) {
  list.sort((a, b) => a - b);
  console.log(`${design.padEnd(8)} ${Math.round(list[2]!)} ms for ${size / MiB} MiB (median of 5)`);
}
await browser.close();
