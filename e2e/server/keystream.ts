import { createCipheriv, createHash } from 'node:crypto';

/**
 * Deterministic, seekable pseudo-random bytes: the AES-128-CTR keystream (AES over zeros) for a key derived from a
 * seed. CTR mode makes any offset reachable in O(1) (the counter is the block index), and AES-NI makes it fast
 * enough that a download bench over loopback measures the client, not this generator.
 */

const BLOCK = 16;
/** Big enough to amortise per-call overhead, small enough to honour backpressure promptly. */
export const CHUNK_SIZE = 256 * 1024;
const ZEROS = Buffer.alloc(CHUNK_SIZE);

/** The 16-byte AES key for a seed string (for generated files: `name:size:version`). */
export function keyFor(seed: string): Buffer {
  return createHash('sha256').update(seed).digest().subarray(0, BLOCK);
}

/** The IV that starts the counter at `block` (big-endian, as OpenSSL increments it). */
function counterIv(block: number): Buffer {
  const iv = Buffer.alloc(BLOCK);
  iv.writeBigUInt64BE(BigInt(block), 8);
  return iv;
}

/** The keystream bytes `start..endInclusive`, in pieces of at most `CHUNK_SIZE`. */
export function* keystream(key: Buffer, start: number, endInclusive: number): Generator<Buffer> {
  const cipher = createCipheriv('aes-128-ctr', key, counterIv(Math.floor(start / BLOCK)));
  // The counter starts at a block boundary: generate the partial block's lead-in and drop it.
  let skip = start % BLOCK;
  let remaining = endInclusive - start + 1;
  while (remaining > 0) {
    const length = Math.min(CHUNK_SIZE, remaining + skip);
    const piece = cipher.update(length === CHUNK_SIZE ? ZEROS : ZEROS.subarray(0, length));
    yield skip > 0 ? piece.subarray(skip) : piece;
    remaining -= length - skip;
    skip = 0;
  }
}
