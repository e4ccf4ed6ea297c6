import type { RequestState } from './db.js';

/** Stored bytes a continuation of a cross-origin answer asks for again before its own. */
export const SEAM_BYTES = 64;

/**
 * How many stored bytes before `at` a continuation (a resume, a range) asks for again, its `Range` starting that
 * much earlier, so that they can be compared with the stored ones (docs/architecture.md, "Seams"). Only for a
 * cross-origin answer: a server that encodes its bodies without exposing `Content-Encoding` sends ranges of the
 * encoded bytes, and a browser may hand such a range over as it came (WebKit does), where the stored bytes are the
 * decoded ones; a same-origin answer shows its encoding, and an encoded one is never continued.
 */
export function seamLength(
  request: Pick<RequestState, 'response' | 'request'>,
  at: number,
  pageOrigin: string = globalThis.location.origin,
): number {
  return hidesHeaders(request, pageOrigin) ? Math.min(SEAM_BYTES, at) : 0;
}

/**
 * Whether the request's answers are cross-origin ones: it is sent to another origin than the page's, or its answer
 * came from one (after redirects). The page then sees only the headers their server exposes (a cross-origin request
 * redirected back stays filtered so), and a resume's `If-Range` needs a preflight.
 */
export function hidesHeaders(
  request: Pick<RequestState, 'response' | 'request'>,
  pageOrigin: string = globalThis.location.origin,
): boolean {
  const urls = [request.request.url, request.response?.url ?? ''].filter((url) => url !== '');
  return urls.some((url) => new URL(url).origin !== pageOrigin);
}

/** A continuation repeated other bytes than the stored ones: it is not of the bytes it continues. */
export class SeamMismatch extends Error {}

/** Whether `repeated` are the `stored` bytes. */
export function repeats(repeated: ArrayLike<number>, stored: Uint8Array): boolean {
  return repeated.length === stored.length && stored.every((byte, index) => byte === repeated[index]);
}

/** Throws `SeamMismatch` unless `repeated` are the `stored` bytes before position `at`. */
export function checkSeam(repeated: ArrayLike<number>, stored: Uint8Array, at: number): void {
  if (!repeats(repeated, stored)) {
    throw new SeamMismatch(
      `bgfetch: the answer from byte ${at} does not repeat the ${repeated.length} stored bytes before it`,
    );
  }
}
