import type { AcceptedResponses } from './accept.js';

/**
 * A `Request` as plain parts: what crosses to the fallback's worker and what IndexedDB keeps for `retry`. A
 * `Request` itself can be neither posted nor stored; its parts can, the body as a Blob the browser reads (no byte
 * work in page script).
 */
export interface RequestInput {
  url: string;
  method: string;
  headers: [string, string][];
  /** The body, read by the browser into a Blob; `null` without one. */
  body: Blob | null;
  mode: RequestMode;
  credentials: RequestCredentials;
  integrity: string;
  /** The fetch's `accept` option, if it has one (the fallback's worker checks each answer's head against it). */
  accept?: AcceptedResponses;
  /** The fetch's `connections` option when it named a number (absent: `'auto'`). */
  connections?: number;
}

export async function requestInputOf(request: Request): Promise<RequestInput> {
  return {
    url: request.url,
    method: request.method,
    headers: [...request.headers],
    // Firefox has no `Request.body`: the method tells whether there can be one.
    body: request.method === 'GET' || request.method === 'HEAD' ? null : await request.blob(),
    mode: request.mode,
    credentials: request.credentials,
    integrity: request.integrity,
  };
}

/** The `Request` again, as the page first made it. */
export function requestFromInput(input: RequestInput): Request {
  return new Request(input.url, {
    method: input.method,
    headers: input.headers,
    body: input.body,
    mode: input.mode,
    credentials: input.credentials,
    integrity: input.integrity,
  });
}
