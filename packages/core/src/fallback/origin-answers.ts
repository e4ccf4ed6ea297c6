/** How long the probe may take before the origin counts as not answering. */
const PROBE_TIMEOUT_MS = 5000;

/**
 * Whether the server of `url` answers at all: a `no-cors` `HEAD` of its origin's root, which needs no CORS
 * header and resolves (opaque) on any status. (`no-cors` only allows `redirect: 'follow'`.) It tells a failure of the request itself (a CORS
 * refusal, a failed preflight, a redirect nowhere: the fetch rejects, the probe resolves) from an outage (the
 * server or the path to it is down: both reject).
 */
export async function originAnswers(url: string): Promise<boolean> {
  try {
    await fetch(new URL('/', url), {
      method: 'HEAD',
      mode: 'no-cors',
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    return true;
  } catch {
    return false;
  }
}
