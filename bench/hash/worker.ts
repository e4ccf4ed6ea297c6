import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { createSHA256, createSHA384, createSHA512 } from 'hash-wasm';

/** Hashes `mib` MiB in 1 MiB chunks with each library and algorithm; posts MB/s for each. */
self.onmessage = async (event: MessageEvent<{ mib: number }>) => {
  const chunk = new Uint8Array(1024 * 1024);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31) & 0xff;
  const rows: Record<string, number> = {};
  const time = async (
    name: string,
    make: () => Promise<{ update(b: Uint8Array): unknown; digest(): unknown }>,
  ) => {
    const hash = await make();
    const start = performance.now();
    for (let i = 0; i < event.data.mib; i++) hash.update(chunk);
    hash.digest();
    rows[name] = Math.round((event.data.mib * 1.048576) / ((performance.now() - start) / 1000));
  };
  for (const [name, noble, wasm] of [
    ['sha256', sha256, createSHA256],
    ['sha384', sha384, createSHA384],
    ['sha512', sha512, createSHA512],
  ] as const) {
    await time(`@noble/hashes ${name}`, async () => noble.create());
    await time(`hash-wasm ${name}`, async () => {
      const hasher = await wasm();
      return { update: (b: Uint8Array) => hasher.update(b), digest: () => hasher.digest('binary') };
    });
  }
  postMessage(rows);
};
