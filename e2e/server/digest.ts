import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Resource } from './resource';

/** Hashing yields to the event loop this often, so hashing a GiB does not freeze the transfers being measured. */
const YIELD_EVERY = 16 * 1024 * 1024;

/** Keyed by strong ETag, which names the bytes exactly; the promise is kept, so concurrent callers hash once. */
const digests = new Map<string, Promise<string>>();

/** Hex SHA-256 of a resource's whole body, computed by streaming it once and remembered. */
export function sha256Of(resource: Resource): Promise<string> {
  let digest = digests.get(resource.etag);
  if (!digest) {
    digest = hash(resource);
    digests.set(resource.etag, digest);
  }
  return digest;
}

async function hash(resource: Resource): Promise<string> {
  const sha = createHash('sha256');
  let sinceYield = 0;
  if (resource.size > 0) {
    for (const piece of resource.read(0, resource.size - 1)) {
      sha.update(piece);
      sinceYield += piece.length;
      if (sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        await nextTurn();
      }
    }
  }
  return sha.digest('hex');
}
