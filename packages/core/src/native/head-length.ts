import { expectedLength } from '../landing/verify.js';

/**
 * The length of a request's response as a `HEAD` from the page tells it, or `null` when it cannot: not a `GET`, a
 * cross-origin server whose CORS answer does not let the page ask or read it, a non-2xx answer, no
 * `Content-Length`, an encoded body. Chromium's native progress has job totals only, and `downloadTotal` is the app's
 * to give: without it the bar would be indeterminate for the whole download. For display only: it never limits or
 * verifies a download.
 */
export async function headLength(request: Request): Promise<number | null> {
  if (request.method !== 'GET') return null;
  try {
    const response = await fetch(request.url, {
      method: 'HEAD',
      headers: request.headers,
      credentials: request.credentials,
      cache: 'no-store',
    });
    if (!response.ok) return null;
    return expectedLength(response.headers) ?? null;
  } catch {
    return null;
  }
}
