import { describe, expect, it } from 'vitest';
import { bodyReader, readExactly } from './body-reader.js';

const bytes = (length: number, from = 0) => Uint8Array.from({ length }, (_, index) => (from + index) % 251);

/** A body of `pieces`, as a byte stream (BYOB readers work) or a plain one (they do not). */
function body(pieces: Uint8Array<ArrayBuffer>[], type?: 'bytes') {
  const queue = [...pieces];
  return new ReadableStream<Uint8Array<ArrayBuffer>>({
    type,
    pull(controller) {
      const next = queue.shift();
      if (next !== undefined) return controller.enqueue(next);
      controller.close();
      // A byte stream closing under a pending BYOB read ends that read this way.
      (controller as ReadableByteStreamController).byobRequest?.respond(0);
    },
  } as UnderlyingDefaultSource<Uint8Array<ArrayBuffer>>);
}

async function readAll(reader: ReturnType<typeof bodyReader>, max: number) {
  const sizes: number[] = [];
  const all: number[] = [];
  for (let value = await reader.next(max); value !== undefined; value = await reader.next(max)) {
    sizes.push(value.byteLength);
    all.push(...value);
  }
  return { sizes, all };
}

describe('bodyReader', () => {
  const pieces = () => [bytes(10), bytes(25, 10), bytes(3, 35)];

  it('never hands out more than asked for, and every byte in order (a plain stream: pieces are split)', async () => {
    const { sizes, all } = await readAll(bodyReader(body(pieces()), true), 8);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8);
    expect(all).toEqual([...bytes(38)]);
  });

  it('reads a byte stream into one reused buffer when the consumer copies', async () => {
    const reader = bodyReader(body(pieces(), 'bytes'), true);
    const first = (await reader.next(8))!;
    const copied = [...first];
    const rest = await readAll(reader, 8);
    // Each read was made into the one before's buffer (transferred, so the first view is now empty).
    expect(first.byteLength).toBe(0);
    expect([...copied, ...rest.all]).toEqual([...bytes(38)]);
    expect(Math.max(copied.length, ...rest.sizes)).toBeLessThanOrEqual(8);
  });

  it('gives pieces it may keep when the consumer does not copy', async () => {
    const reader = bodyReader(body(pieces(), 'bytes'), false);
    const first = await reader.next(64);
    const second = await reader.next(64);
    expect(second?.buffer).not.toBe(first?.buffer);
    expect([...first!, ...second!]).toEqual([...bytes(35)]);
  });
});

describe('readExactly', () => {
  it('reads across pieces, copied out of the reused buffer, and leaves the rest to the reader', async () => {
    const reader = bodyReader(body([bytes(10), bytes(25, 10), bytes(3, 35)], 'bytes'), true);
    const first = await readExactly(reader, 12);
    const rest = await readAll(reader, 64);
    expect([...first]).toEqual([...bytes(12)]);
    expect(rest.all).toEqual([...bytes(26, 12)]);
  });

  it('is a TypeError when the body ends before them, as a cut is', async () => {
    const reader = bodyReader(body([bytes(10)]), false);
    await expect(readExactly(reader, 12)).rejects.toBeInstanceOf(TypeError);
  });
});
