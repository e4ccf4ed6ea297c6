/**
 * The media server's contract: what tests, the demo and the benches may rely on.
 *
 * URLs (all on one origin, http://127.0.0.1:<port>):
 * - `/files/<name>?size=N`             deterministic bytes: the same name, size and version give the same bytes.
 * - `/media/<name>.wav?seconds=N`      playable, deterministic audio (for the demo).
 * - `/media/<name>.svg`                deterministic artwork (for the demo).
 * - `/t/<scope>/files/…`, `/t/<scope>/media/…`  the same resources, logged under a test's scope and subject to
 *                                      that scope's knobs; versions (ETag bumps) are per scope too. Requests
 *                                      without the prefix belong to the scope named `default`.
 * - `…/echo` (any path ending so, scoped or not)  consumes an upload, replies JSON `{ method, bytes, sha256 }`.
 * - `/__sha256/<name>?size=N&version=V` the hex SHA-256 of that file's bytes, as bare text (version defaults to the
 *                                      current one; `/t/<scope>/__sha256/…` for a scope's current one).
 * - `GET /__log/<scope>`               that scope's request log, as JSON `LogEntry[]` (`?settled=1`: see `settled()`).
 * - `POST /__control/<scope>`          JSON `ControlCommand`: set knobs for a file, bump its version, or reset.
 * - anything else: static files from the mounted app folders (`MediaServerOptions.static`).
 *
 * Fault knobs come from the query string of a request, or from `/__control` for every request of a file in a scope
 * (the query string wins, key by key). Query names are the `Knobs` keys; booleans are `1`/`true` or `0`/`false`; a
 * bad value is a 400. A file's key for knobs and versions is its name: `<name>` for `/files/<name>`, `<name>.wav` /
 * `<name>.svg` for media, the path before `/echo` plus `echo` for uploads (`echo`, `uploads/echo`).
 */

export interface Knobs {
  /** Send at most this many bytes per second. */
  throttle?: number;
  /**
   * Cut the connection after this many body bytes of a response (those bytes still arrive, then the connection
   * ends). A body no longer than that is sent whole. 0 cuts right after the head.
   */
  cutAfter?: number;
  /**
   * With `cutAfter`: cut every response (`'always'`), or only the first one in the scope that reaches `cutAfter`
   * (`'once'`, default; `setKnobs` re-arms it).
   */
  cutMode?: 'once' | 'always';
  /** Answer `200` with the whole body and ignore `Range` / `If-Range` (and say `Accept-Ranges: none`). */
  ignoreRange?: boolean;
  /**
   * Answer a `Range` request with a `206` that starts this many bytes before the asked-for offset (a broken proxy
   * or cache), its `Content-Range` saying where it truly starts.
   */
  rangeShift?: number;
  /**
   * Send a `200` without `Content-Length` (chunked transfer coding), as a server that streams what it generates
   * does: the client learns the length only from the end of the body (or from a later `Content-Range`).
   */
  chunked?: boolean;
  /**
   * Answer an open-ended `Range` (`bytes=N-`) with at most this many bytes, `206 Content-Range: bytes N-E/T` with
   * `E < T-1` when the rest is longer (servers and CDNs that cap open-ended ranges): the client must ask again.
   */
  rangeCap?: number;
  /**
   * Send neither `ETag` nor `Last-Modified`, as a server that cannot tell which version it sends: a client cannot
   * check that a range continues the bytes it has.
   */
  noValidators?: boolean;
  /** Each request after the first one in the scope sees a new version of the file (new bytes, ETag, Last-Modified). */
  changeEtag?: boolean;
  /**
   * Reply with this status and a short text body instead of the file. `failTimes` limits it to the first N requests
   * in the scope (counted from the last `setKnobs`), so `{ status: 503, failTimes: 2 }` is "503, 503, then 200".
   */
  status?: number;
  failTimes?: number;
  /** Wait this many ms before sending the response head. */
  delayMs?: number;
  /** After `stallAt` body bytes, send nothing for `stallMs` ms (default: forever, until the client gives up). */
  stallAt?: number;
  stallMs?: number;
  /**
   * Send `Access-Control-Allow-Origin: *` (and expose the range headers), and grant OPTIONS preflights for GET, HEAD,
   * POST, PUT with Range, If-Range, Content-Type. Off by default.
   */
  cors?: boolean;
}

export interface LogEntry {
  method: string;
  /** Path and query as requested. */
  url: string;
  /** The `Range` header, if any. */
  range: string | null;
  ifRange: string | null;
  status: number;
  /** Body bytes actually written to the socket. */
  bytesSent: number;
  /**
   * Each write of body bytes to the socket, in order: `[at, bytes]`, `at` in ms like `startedAt`. The server writes
   * as fast as the client reads (and its socket buffers hold), so these show the pace the client read at.
   */
  sends: [at: number, bytes: number][];
  /** Request body bytes read (uploads to `/echo`; 0 otherwise). */
  bytesReceived: number;
  /** True when the response was cut, stalled out or the client went away before the body ended. */
  incomplete: boolean;
  startedAt: number;
  endedAt: number;
}

export type ControlCommand =
  | { file: string; knobs: Knobs }
  | { file: string; bumpVersion: true }
  | { reset: true };

export interface FileRef {
  name: string;
  size: number;
}

export interface MediaServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Always loopback: 127.0.0.1 by default. */
  host?: string;
  /** URL prefix → folder of static files, e.g. `{ '/': 'examples/podcast/dist' }`. */
  static?: Record<string, string>;
}

export interface MediaServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** A scope with its own log, knobs and versions; the same name gives the same scope. */
  scope(name: string): TestScope;
  /**
   * Plays a dropped network, for engines whose driver cannot take the browser offline (WebKit): while `true`, every
   * request except `/__log` and `/__control` has its connection destroyed without an answer (the browser sees a
   * network error), and the open connections are closed at once. A request for a scope's resource is still logged,
   * with `status: 0` and `incomplete: true`.
   */
  setOffline(offline: boolean): void;
  close(): Promise<void>;
}

export interface TestScope {
  name: string;
  /** `<origin>/t/<name>` — prefix resource paths with it. */
  base: string;
  /** Absolute URL of a generated file in this scope, with knobs in its query string. */
  fileUrl(file: FileRef, knobs?: Knobs): string;
  setKnobs(file: string, knobs: Knobs): void;
  bumpVersion(file: string): void;
  /** The file's current version in this scope (starts at 1). */
  version(file: string): number;
  /** Hex SHA-256 of the file's bytes at a version (default: the current one). */
  sha256(file: FileRef, version?: number): Promise<string>;
  log(): LogEntry[];
  /**
   * The log once no response of this scope is in flight. A response is logged when it ends on the server, which can
   * be a moment after the client has seen its last byte or its error: await this before asserting on the log.
   */
  settled(): Promise<LogEntry[]>;
  /** Forgets the log, knobs, versions and counters; responses still in flight are not logged. */
  reset(): void;
}
