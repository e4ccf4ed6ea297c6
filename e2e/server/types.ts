/**
 * The media server's contract: what tests, the demo and the benches may rely on.
 *
 * URLs (all on one origin, http://127.0.0.1:<port>):
 * - `/files/<name>?size=N`             deterministic bytes: the same name, size and version give the same bytes.
 * - `/media/<name>.wav?seconds=N`      playable, deterministic audio (for the demo).
 * - `/media/<name>.svg`                deterministic artwork (for the demo).
 * - `/t/<scope>/files/…`, `/t/<scope>/media/…`  the same resources, logged under a test's scope and subject to
 *                                      that scope's knobs; versions (ETag bumps) are per scope too.
 * - `/__sha256/<name>?size=N&version=V` the hex SHA-256 of that file's bytes (version defaults to the current one).
 * - `GET /__log/<scope>`               that scope's request log, as JSON `LogEntry[]`.
 * - `POST /__control/<scope>`          JSON `ControlCommand`: set knobs for a file, bump its version, or reset.
 * - anything else: static files from the mounted app folders (`MediaServerOptions.static`).
 *
 * Fault knobs come from the query string of a request, or from `/__control` for every request of a file in a scope
 * (the query string wins). Query names are the `Knobs` keys.
 */

export interface Knobs {
  /** Send at most this many bytes per second. */
  throttle?: number;
  /** Cut the connection (destroy the socket) after this many body bytes of a response. */
  cutAfter?: number;
  /** With `cutAfter`: cut every response (`'always'`), or only the first one in the scope (`'once'`, default). */
  cutMode?: 'once' | 'always';
  /** Answer `200` with the whole body and ignore `Range` / `If-Range`. */
  ignoreRange?: boolean;
  /** Each request after the first one in the scope sees a new version of the file (new bytes, ETag, Last-Modified). */
  changeEtag?: boolean;
  /** Reply with this status and no file body. `failTimes` limits it to the first N requests in the scope. */
  status?: number;
  failTimes?: number;
  /** Wait this many ms before sending the response head. */
  delayMs?: number;
  /** After `stallAt` body bytes, send nothing for `stallMs` ms (default: forever, until the client gives up). */
  stallAt?: number;
  stallMs?: number;
  /** Send `Access-Control-Allow-Origin: *` (and expose the range headers). Off by default. */
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
  reset(): void;
}
