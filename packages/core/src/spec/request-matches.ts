/**
 * The Cache spec's "request matches cached item", as the Background Fetch spec uses it for `match` / `matchAll`:
 * URLs compared without their fragment (and without the query with `ignoreSearch`); without `ignoreMethod`, only a
 * `GET` query and a `GET` record match (a cache holds only GETs; a fetch's records can be uploads, and WPT's
 * `match` tests expect a POST record to need `ignoreMethod`). `Vary` is not consulted (records are one fetch's own
 * requests).
 */
export interface RequestLike {
  url: string;
  method: string;
}

export interface MatchOptions {
  ignoreSearch?: boolean;
  ignoreMethod?: boolean;
}

export function requestMatches(query: RequestLike, stored: RequestLike, options: MatchOptions = {}): boolean {
  if (!options.ignoreMethod && !(isGet(query) && isGet(stored))) return false;
  return comparableUrl(query.url, options) === comparableUrl(stored.url, options);
}

function isGet(request: RequestLike): boolean {
  return request.method.toUpperCase() === 'GET';
}

function comparableUrl(url: string, { ignoreSearch }: MatchOptions): string {
  const parsed = new URL(url);
  parsed.hash = '';
  if (ignoreSearch) parsed.search = '';
  return parsed.href;
}

/** The positions of the records `matchAll(request, options)` gives, in request order; every record without `request`. */
export function matchingRecords(
  records: readonly { request: RequestLike }[],
  request?: RequestInfo | URL,
  options?: MatchOptions,
): number[] {
  const query =
    request === undefined ? undefined : request instanceof Request ? request : new Request(request);
  return records.flatMap((record, index) =>
    query === undefined || requestMatches(query, record.request, options) ? [index] : [],
  );
}
