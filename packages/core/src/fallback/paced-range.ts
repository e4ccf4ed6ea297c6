/**
 * How a capped request keeps the network, not only its own reads, to its cap. Firefox and WebKit take a response's
 * body from the server as fast as it comes whatever the page reads, and Chromium buffers several MiB ahead of its
 * reader (docs/browsers.md): reading slowly does not slow the server. So while a cap is in force each attempt of a resumable request asks for, and reads, only this many bytes
 * (`Range: bytes=offset-end`), about a quarter of a second's worth, and the next attempt asks for the next ones:
 * the server never sends much more than the reader lets through.
 */
export function pacedSpan(bytesPerSecond: number): number {
  return Math.max(MIN_SPAN, Math.round(bytesPerSecond * SPAN_SECONDS));
}

/** The `Range` header value for `span` bytes from `offset`. */
export function boundedRange(offset: number, span: number): string {
  return `bytes=${offset}-${offset + span - 1}`;
}

const SPAN_SECONDS = 0.25;
/** Below this, the requests' own headers would weigh more than their bodies. */
const MIN_SPAN = 16 * 1024;
