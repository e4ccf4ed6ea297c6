import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSha256 } from './sha256.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const reference = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('createSha256', () => {
  it('gives the known digests of the empty string and "abc"', () => {
    expect(hex(createSha256().digest())).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    const abc = createSha256();
    abc.update(new TextEncoder().encode('abc'));
    expect(hex(abc.digest())).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('matches node:crypto for every length around the block and padding edges', () => {
    for (let length = 0; length <= 200; length++) {
      const bytes = randomBytes(length);
      const hash = createSha256();
      hash.update(bytes);
      expect(hex(hash.digest()), `length ${length}`).toBe(reference(bytes));
    }
  });

  it('gives the same digest however the input is split into chunks', () => {
    const bytes = randomBytes(10_000);
    for (const size of [1, 3, 63, 64, 65, 1000, 4096]) {
      const hash = createSha256();
      for (let offset = 0; offset < bytes.length; offset += size)
        hash.update(bytes.subarray(offset, offset + size));
      expect(hex(hash.digest()), `chunks of ${size}`).toBe(reference(bytes));
    }
  });

  it('refuses more input after the digest', () => {
    const hash = createSha256();
    hash.digest();
    expect(() => hash.update(new Uint8Array(1))).toThrow(/already gave its digest/);
  });
});
