import type { FetchOptions } from '@bgfetch/core';

/**
 * Calls every engine must refuse with the spec's `TypeError` before any engine work (conformance rule 2), with the
 * message the page sees. One table for both engines: validation is shared, so the errors must be too.
 */
export function badFetchInputs(
  validUrl: string,
): { id: string; urls: string[]; options?: FetchOptions; error: string }[] {
  return [
    // An empty id crashed Chromium's renderer when it reached the native call.
    { id: '', urls: [validUrl], error: 'TypeError: bgfetch: the id must be a non-empty string, got ""' },
    {
      id: 'port',
      urls: ['https://example.com:587/a'],
      error: 'TypeError: bgfetch: the request (https://example.com:587/a) targets the blocked port 587',
    },
    {
      id: 'mixed',
      urls: [validUrl, 'http://example.com/a'],
      error:
        'TypeError: bgfetch: request 2 of 2 (http://example.com/a) uses http: on a non-loopback host (mixed content); use https:',
    },
    { id: 'creds', urls: ['https://user:pw@example.com/a'], error: 'has credentials in its URL' },
    { id: 'scheme', urls: ['wss://example.com/a'], error: 'has the scheme wss:' },
    { id: 'empty', urls: [], error: 'TypeError: bgfetch: the request list is empty' },
    // Refused by every engine, though only the fallback honours it.
    {
      id: 'connections',
      urls: [validUrl],
      options: { connections: 0 },
      error: "TypeError: bgfetch: options.connections must be 'auto' or a whole number from 1 to 16, got 0",
    },
  ];
}
