/**
 * Subresource Integrity metadata (a request's `integrity`), read as the SRI spec reads it: tokens
 * `<algorithm>-<base64 digest>[?options]` separated by whitespace; tokens of unknown algorithms are ignored; of
 * the known ones only the strongest algorithm present decides, and the body matches when its digest equals any
 * digest given for that algorithm.
 */

/** The SRI algorithms, weakest first. */
export const SRI_ALGORITHMS = ['sha256', 'sha384', 'sha512'] as const;
export type SriAlgorithm = (typeof SRI_ALGORITHMS)[number];

/** What a body must hash to: the strongest algorithm of the metadata and the digests it accepts. */
export interface IntegrityExpectation {
  algorithm: SriAlgorithm;
  /** Standard base64, unpadded. */
  digests: string[];
}

/** The expectation `integrity` sets, or `undefined` when it names no known algorithm (nothing to check). */
export function integrityExpectation(integrity: string | undefined): IntegrityExpectation | undefined {
  const tokens = (integrity ?? '').split(/\s+/).flatMap((token) => {
    const match = /^(sha256|sha384|sha512)-([A-Za-z0-9+/_-]+={0,2})(\?.*)?$/i.exec(token);
    return match ? [{ algorithm: match[1]!.toLowerCase() as SriAlgorithm, digest: match[2]! }] : [];
  });
  const strongest = tokens.reduce<SriAlgorithm | undefined>(
    (best, { algorithm }) =>
      best === undefined || SRI_ALGORITHMS.indexOf(algorithm) > SRI_ALGORITHMS.indexOf(best)
        ? algorithm
        : best,
    undefined,
  );
  if (strongest === undefined) return undefined;
  const digests = tokens
    .filter((token) => token.algorithm === strongest)
    .map((token) => normalizeBase64(token.digest));
  return { algorithm: strongest, digests };
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
