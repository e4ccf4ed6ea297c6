import { connectAllowed } from './csp.js';

let headerPolicies: Promise<string[]> | undefined;
const HEAD_TIMEOUT_MS = 5000;

/**
 * The page's enforced Content-Security-Policies: each `<meta http-equiv>` one, and the response header's. Script
 * cannot read its document's headers, so those come from one `HEAD` of the page, asked once per page; a page
 * whose own policy forbids that request, an error, or no answer within 5 s counts as having no header policy.
 */
async function pagePolicies(): Promise<string[]> {
  headerPolicies ??= fetch(location.href, {
    method: 'HEAD',
    cache: 'no-store',
    credentials: 'same-origin',
    // A server slow to answer must not hold up the fetch() waiting on this.
    signal: AbortSignal.timeout(HEAD_TIMEOUT_MS),
  })
    .then((response) => splitPolicies(response.headers.get('Content-Security-Policy')))
    .catch(() => []);
  const metas = [...document.querySelectorAll<HTMLMetaElement>('meta[http-equiv]')]
    .filter((meta) => meta.httpEquiv.toLowerCase() === 'content-security-policy')
    .map((meta) => meta.content);
  return [...(await headerPolicies), ...metas];
}

/** Several header fields arrive joined by commas; each is a policy of its own. */
function splitPolicies(header: string | null): string[] {
  return header === null ? [] : header.split(',').filter((policy) => policy.trim() !== '');
}

/**
 * Rejects, with the `TypeError` the spec gives, a request the page's `connect-src` forbids (conformance rule 2).
 * For the fallback: the browser checks its own Background Fetch, but the fallback downloads in a worker, which the
 * page's policy does not cover. Outside a document (a worker, a server render) there is no page policy.
 */
export async function refuseWhatPagePolicyForbids(requests: readonly Request[]): Promise<void> {
  if (globalThis.document === undefined) return;
  const policies = await pagePolicies();
  if (policies.length === 0) return;
  const self = new URL(location.href);
  requests.forEach((request, index) => {
    if (!connectAllowed(policies, new URL(request.url), self)) {
      const where = requests.length === 1 ? 'the request' : `request ${index + 1} of ${requests.length}`;
      throw new TypeError(
        `bgfetch: ${where} (${request.url}) is refused by the page's Content-Security-Policy (connect-src)`,
      );
    }
  });
}
