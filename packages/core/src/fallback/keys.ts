/**
 * Names of the fallback's stored bytes: chunks are same-origin URLs under `/__bgfetch/chunks/`, one Cache Storage
 * entry each in `FALLBACK_CHUNK_CACHE`; files are named after their job's token and request. A job's `token` (random per `fetch()`) keeps a reused id apart from an old job's
 * leftovers; a request's `epoch` goes up each time it restarts from zero, so a new version's chunks never share a
 * key with the old one's.
 */

export const CHUNK_PATH = '/__bgfetch/chunks/';

/** The prefix of every chunk of one job. */
export function jobChunkPrefix(origin: string, id: string, token: string): string {
  return `${origin}${CHUNK_PATH}${encodeURIComponent(id)}/${token}/`;
}

/**
 * Chunk `n` of the response of request `request` in its epoch `epoch`: `n` counts the chunks of a request fetched
 * on one connection, or is `at<byte>` for a chunk of a range (ranges.ts), named by the position of its first byte.
 */
export function chunkKey(
  origin: string,
  id: string,
  token: string,
  request: number,
  epoch: number,
  n: number | string,
) {
  return `${jobChunkPrefix(origin, id, token)}${request}/${epoch}/${n}`;
}

/** The stored body of request `request` (uploads). */
export function bodyKey(origin: string, id: string, token: string, request: number): string {
  return `${jobChunkPrefix(origin, id, token)}${request}/body`;
}

/** The file (in `FALLBACK_FILE_DIRECTORY`) of the response of request `request`, where the bytes are a file. */
export function fileName(token: string, request: number): string {
  return `${jobFilePrefix(token)}${request}`;
}

/** The file (in `FALLBACK_FILE_DIRECTORY`) that the small responses of one run of a job share (job-pack.ts). */
export function packName(token: string): string {
  return `${jobFilePrefix(token)}pack-${newToken()}`;
}

/** The prefix of every file of one job. */
export function jobFilePrefix(token: string): string {
  return `${token}-`;
}

/** A random token for a new job. */
export function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
