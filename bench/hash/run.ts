/**
 * Which SHA-2 implementation hashes faster in a worker in Chromium: @noble/hashes (pure JS) or hash-wasm (WASM).
 * `pnpm exec tsx hash/run.ts` from bench/: prints MB/s per library and algorithm (median of 3 runs of 128 MiB).
 */
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { debianChromium } from '../../debian-chromium.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const output = (await build({
  root: here,
  logLevel: 'silent',
  build: { write: false, lib: { entry: `${here}worker.ts`, formats: ['iife'], name: 'hashBench' } },
})) as { output: { code: string }[] }[];
const code = output[0]!.output[0]!.code;
const browser = await chromium.launch(debianChromium);
const page = await browser.newPage();
const runs: Record<string, number>[] = [];
for (let run = 0; run < 3; run++) {
  runs.push(
    await page.evaluate(async (code) => {
      const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
      const rows = await new Promise<Record<string, number>>((resolve) => {
        worker.onmessage = (event) => resolve(event.data);
        worker.postMessage({ mib: 128 });
      });
      worker.terminate();
      return rows;
    }, code),
  );
}
await browser.close();
for (const name of Object.keys(runs[0]!)) {
  const sorted = runs.map((rows) => rows[name]!).sort((a, b) => a - b);
  console.log(`${name.padEnd(22)} ${sorted[1]} MB/s`);
}
