/**
 * The part of Content Security Policy (Level 3) that conformance rule 2 needs: whether a page's policies let it
 * connect to a URL (`connect-src`, else `default-src`). Pure: the page's policies and origin are arguments.
 * "Does url match source list" is followed for the expressions a `connect-src` can hold — `'none'`, `*`, `'self'`,
 * schemes, hosts (with `*.` wildcards), ports (with `*`) and paths; other keywords (nonces, hashes,
 * `'unsafe-…'`) match no URL.
 */

/** Whether every policy (one header value or `<meta>` each) allows connecting from `self` to `url`. */
export function connectAllowed(policies: readonly string[], url: URL, self: URL): boolean {
  return policies.every((policy) => {
    const sources = directive(policy, 'connect-src') ?? directive(policy, 'default-src');
    return sources === undefined || sources.some((source) => sourceMatches(source, url, self));
  });
}

/** A directive's source list; the first of a repeated directive counts, as in the spec's parser. */
function directive(policy: string, name: string): string[] | undefined {
  for (const part of policy.split(';')) {
    const [directiveName, ...sources] = part.trim().split(/\s+/);
    if (directiveName?.toLowerCase() === name) return sources;
  }
  return undefined;
}

const NETWORK_SCHEMES = ['http:', 'https:', 'ws:', 'wss:'];
const HOST_SOURCE =
  /^(?:(?<scheme>[a-z][a-z0-9+.-]*):\/\/)?(?<host>\*|(?:\*\.)?[^:/*]+)(?::(?<port>\d+|\*))?(?<path>\/[^?#]*)?$/i;

function sourceMatches(source: string, url: URL, self: URL): boolean {
  const expression = source.toLowerCase();
  if (expression === '*') return NETWORK_SCHEMES.includes(url.protocol) || url.protocol === self.protocol;
  if (expression === "'self'") {
    return url.origin === self.origin || (url.hostname === self.hostname && upgradeOf(self, url));
  }
  if (/^[a-z][a-z0-9+.-]*:$/.test(expression)) return schemeMatches(expression, url.protocol);
  const host = HOST_SOURCE.exec(source)?.groups;
  if (host === undefined || source.startsWith("'")) return false;
  const scheme = host.scheme === undefined ? self.protocol : `${host.scheme.toLowerCase()}:`;
  return (
    schemeMatches(scheme, url.protocol) &&
    hostMatches(host.host!.toLowerCase(), url.hostname) &&
    portMatches(host.port, url, scheme) &&
    pathMatches(host.path, url.pathname)
  );
}

/** A scheme allows itself and its secure upgrade (`http:` → `https:`, `ws:` → `wss:`). */
function schemeMatches(allowed: string, actual: string): boolean {
  return (
    allowed === actual ||
    (allowed === 'http:' && actual === 'https:') ||
    (allowed === 'ws:' && actual === 'wss:')
  );
}

/** `'self'` also allows the same host over the secure scheme on its default port (http://a → https://a). */
function upgradeOf(self: URL, url: URL): boolean {
  return self.protocol === 'http:' && url.protocol === 'https:' && self.port === '' && url.port === '';
}

function hostMatches(allowed: string, hostname: string): boolean {
  if (allowed === '*') return true;
  if (allowed.startsWith('*.')) return hostname.endsWith(allowed.slice(1));
  return allowed === hostname;
}

function portMatches(allowed: string | undefined, url: URL, scheme: string): boolean {
  if (allowed === '*') return true;
  if (allowed === undefined) return url.port === '';
  const actual = url.port === '' ? DEFAULT_PORTS[url.protocol] : Number(url.port);
  // An upgraded scheme's default port stands in for the expression's (http://a:80 allows https://a:443).
  return Number(allowed) === actual || (Number(allowed) === DEFAULT_PORTS[scheme] && url.port === '');
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 };

function pathMatches(allowed: string | undefined, pathname: string): boolean {
  if (allowed === undefined || allowed === '/') return true;
  const path = decodeURIComponent(pathname);
  const wanted = decodeURIComponent(allowed);
  return wanted.endsWith('/') ? path.startsWith(wanted) : path === wanted;
}
