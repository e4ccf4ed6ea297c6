/**
 * What a record must be to count as stored (DESIGN.md, "Integrity, on both engines"): its length equals the
 * response's `Content-Length` when one was sent, and its SHA-256 matches the request's `integrity` when it has one.
 */

/**
 * The SHA-256 digests (standard base64, unpadded) a request's `integrity` metadata accepts, or `undefined` when it
 * names none. Only `sha256-` tokens are checked: sha384 / sha512 metadata is left to the browser's own fetch.
 */
export function sha256Expectations(integrity: string | undefined): string[] | undefined {
  if (!integrity) return undefined;
  const digests = integrity
    .split(/\s+/)
    .map((token) => /^sha256-([A-Za-z0-9+/_-]+={0,2})(\?.*)?$/i.exec(token)?.[1])
    .filter((digest): digest is string => digest !== undefined)
    .map(normalizeBase64);
  return digests.length > 0 ? digests : undefined;
}

/** base64url or padded base64 → unpadded standard base64, so two spellings of one digest compare equal. */
export function normalizeBase64(value: string): string {
  return value.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
}

export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return normalizeBase64(btoa(binary));
}

/**
 * The body length a response promises, or `undefined` when it cannot be checked: no `Content-Length`, or a
 * `Content-Encoding` (the header then counts encoded bytes and the body is decoded).
 */
export function expectedLength(headers: Headers): number | undefined {
  const encoding = headers.get('Content-Encoding');
  if (encoding !== null && encoding.trim().toLowerCase() !== 'identity') return undefined;
  const value = headers.get('Content-Length');
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}
