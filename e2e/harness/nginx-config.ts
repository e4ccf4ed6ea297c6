import { join } from 'node:path';

/**
 * The nginx the real-server specs run against, as pure functions: the config written at run time (`nginxConfig`)
 * and the access log read back (`parseAccessLog`). The process around them is `nginx.ts`.
 *
 * One config, four origins on loopback (one port each), all serving the same folder of files from disk with
 * nginx's own `ETag`, `Last-Modified`, `Range` and `If-Range` handling:
 *
 * - `main`: the test pages at `/` (so a page opened here is same-origin with its files) and the files; no CORS.
 * - `mirror`: the same, on another port: a cross-origin target that sends no CORS header at all.
 * - `cors`: a CDN configured for resume: `Access-Control-Allow-Origin: *`, `Access-Control-Expose-Headers: ETag,
 *   Content-Range, Content-Length`, and preflights granted for `Range, If-Range`.
 * - `cdn`: an S3/CloudFront-like origin: `Access-Control-Allow-Origin: *` on every answer, nothing exposed, and
 *   `OPTIONS` answered 405 (no preflight can pass).
 *
 * Paths, the same on every origin (`<dir>/<name>` is a file under `files/` on disk):
 * - `/files/<dir>/<name>`       the file.
 * - `/slow-start/<dir>/<name>`  the file; an answer to a request without `Range` is sent at `slowRate` bytes per
 *                               second, a ranged one at full speed (a slow first response, fast resumes).
 * - `/slow/<dir>/<name>`        the file at `slowRate`, whatever the request.
 *   (nginx's `limit_rate` sends the first second's worth at once, then a second's worth on each second.)
 * - `/gzipped/<dir>/<name>`     the file's gzip'd copy beside it (`<name>.gz`), sent as S3 sends an object stored
 *                               compressed: `Content-Encoding: gzip` whatever the request accepts, the compressed
 *                               bytes' `Content-Length` and `ETag`, and ranges of the compressed bytes.
 * - `/busy/<dir>/<name>`        the file once it exists; until then `503` with `Retry-After: 1`.
 * - `/status/500[/<dir>/<name>]`  a `500` (the optional tail puts it in a test's slice of the log).
 * - `/redirect/data[/<dir>/<name>]`  a `302` to a `data:` URL.
 * - `/redirect/mirror/<dir>/<name>`  a `302` to the file on the `mirror` origin (cross-origin, no CORS).
 *
 * `gzip on` for `text/plain` (`.txt`; nginx also always compresses `text/html`): such an answer has no
 * `Content-Length`, a weak ETag, and ignores `Range`.
 */

export const NGINX_ORIGINS = ['main', 'mirror', 'cors', 'cdn'] as const;
export type NginxOrigin = (typeof NGINX_ORIGINS)[number];

export interface NginxConfigOptions {
  /** The run's own folder: pid, temp paths and logs live under it (`prefix` of `nginx -p`). */
  prefix: string;
  /** Served at `/` on `main` and `mirror`: the built test pages. */
  pagesDir: string;
  /** Holds `files/<dir>/<name>`. */
  dataDir: string;
  ports: Record<NginxOrigin, number>;
  /** Bytes per second of `/slow/` and of `/slow-start/`'s unranged answers. */
  slowRate: number;
}

/** Where the config puts its access log, relative to nothing: an absolute path under `prefix`. */
export function accessLogPath(prefix: string): string {
  return join(prefix, 'logs', 'access.log');
}

/** The temp folders nginx needs (it creates their subfolders, not these). */
export function nginxFolders(prefix: string): string[] {
  return [join(prefix, 'logs'), join(prefix, 'temp')];
}

/** Content types of what the harness serves; `.js` must be JavaScript for module scripts and workers. */
const TYPES: Record<string, string> = {
  'text/html': 'html',
  'application/javascript': 'js mjs',
  'text/css': 'css',
  'application/json': 'json map',
  'image/svg+xml': 'svg',
  'application/wasm': 'wasm',
  'text/plain': 'txt',
};

/**
 * One JSON object per response, written when it ends. `$msec` is the end (seconds, ms precision),
 * `$request_time` its duration; `$request_completion` is `OK` only for a body sent whole.
 */
const LOG_FORMAT = [
  '{"end":$msec',
  '"duration":$request_time',
  '"port":$server_port',
  '"connection":$connection',
  '"connectionRequests":$connection_requests',
  '"method":"$request_method"',
  '"url":"$request_uri"',
  '"range":"$http_range"',
  '"ifRange":"$http_if_range"',
  '"acceptEncoding":"$http_accept_encoding"',
  '"status":$status',
  '"bytesSent":$body_bytes_sent',
  '"completion":"$request_completion"',
  '"etag":"$sent_http_etag"',
  '"contentEncoding":"$sent_http_content_encoding"}',
].join(',');

const CORS_RESUME_HEADERS = [
  ['Access-Control-Allow-Origin', '*'],
  ['Access-Control-Expose-Headers', 'ETag, Content-Range, Content-Length'],
] as const;
const CORS_PREFLIGHT_HEADERS = [
  ...CORS_RESUME_HEADERS,
  ['Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS'],
  ['Access-Control-Allow-Headers', 'Range, If-Range'],
  ['Access-Control-Max-Age', '0'],
] as const;
const CDN_HEADERS = [['Access-Control-Allow-Origin', '*']] as const;

/** What each origin adds to every answer, and how it answers `OPTIONS`. */
interface OriginPolicy {
  headers: readonly (readonly [string, string])[];
  options: string;
  pages: boolean;
}

const POLICIES: Record<NginxOrigin, OriginPolicy> = {
  main: { headers: [], options: 'return 405;', pages: true },
  mirror: { headers: [], options: 'return 405;', pages: true },
  cors: {
    headers: CORS_RESUME_HEADERS,
    options: `${addHeaders(CORS_PREFLIGHT_HEADERS)} return 204;`,
    pages: false,
  },
  cdn: { headers: CDN_HEADERS, options: 'return 405;', pages: false },
};

function addHeaders(headers: readonly (readonly [string, string])[]): string {
  return headers.map(([name, value]) => `add_header ${name} "${value}" always;`).join(' ');
}

function serverBlock(origin: NginxOrigin, options: NginxConfigOptions): string {
  const { dataDir, pagesDir, ports } = options;
  const policy = POLICIES[origin];
  // add_header in a location replaces the server's: each location that adds its own repeats the origin's.
  const headers = `${addHeaders(policy.headers)} add_header Cache-Control "no-store" always;`;
  const files = `root ${quote(dataDir)}; ${headers}`;
  // add_header here too: a location's own add_header replaces those of the server's.
  const gzipped = `root ${quote(dataDir)}; gzip off; ${headers} add_header Content-Encoding gzip always;`;
  return `
  server {
    listen 127.0.0.1:${ports[origin]};
    # A preflight (or any OPTIONS), whatever its path, is answered by the origin's policy.
    if ($request_method = OPTIONS) { rewrite ^ /__options last; }
    location = /__options { internal; ${policy.options} }
    location / { ${policy.pages ? `root ${quote(pagesDir)};` : 'return 404;'} ${addHeaders(policy.headers)} }
    location /files/ { ${files} }
    location ~ ^/slow-start(/.*)$ { ${files} limit_rate $unranged_rate; try_files /files$1 =404; }
    location ~ ^/slow(/.*)$ { ${files} limit_rate ${options.slowRate}; try_files /files$1 =404; }
    location ~ ^/gzipped(/.*)$ { ${gzipped} try_files /files$1.gz =404; }
    location ~ ^/slow-start-gzipped(/.*)$ { ${gzipped} limit_rate $unranged_rate; try_files /files$1.gz =404; }
    location ~ ^/busy(/.*)$ { ${files} try_files /files$1 @busy; }
    location @busy { ${headers} add_header Retry-After 1 always; return 503; }
    location ~ ^/status/500(/|$) { ${headers} return 500; }
    location ~ ^/redirect/data(/|$) { ${headers} return 302 "data:text/plain,not%20a%20download"; }
    location ~ ^/redirect/mirror(/.*)$ { ${headers} return 302 http://127.0.0.1:${ports.mirror}/files$1; }
  }`;
}

/** Paths in the config are quoted: a temp dir may hold characters nginx would split on. */
function quote(path: string): string {
  if (/["\\\n]/.test(path)) throw new Error(`nginx config: unsupported path ${path}`);
  return `"${path}"`;
}

/**
 * The whole config: no root needed (every path under `prefix`), one process in the foreground (`daemon off`,
 * `master_process off`), so the harness stops it with a signal to the one process it started.
 */
export function nginxConfig(options: NginxConfigOptions): string {
  const { prefix } = options;
  const temp = (name: string) => quote(join(prefix, 'temp', name));
  const types = Object.entries(TYPES)
    .map(([type, extensions]) => `${type} ${extensions};`)
    .join(' ');
  return `daemon off;
master_process off;
worker_processes 1;
pid ${quote(join(prefix, 'nginx.pid'))};
error_log stderr warn;
events { worker_connections 1024; }
http {
  types { ${types} }
  default_type application/octet-stream;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  log_format harness escape=json '${LOG_FORMAT}';
  access_log ${quote(accessLogPath(prefix))} harness;
  sendfile on;
  keepalive_timeout 60s;
  gzip on;
  gzip_types text/plain;
  map $http_range $unranged_rate { "" ${options.slowRate}; default 0; }
${NGINX_ORIGINS.map((origin) => serverBlock(origin, options)).join('\n')}
}
`;
}

/** One response in nginx's access log, in the media server's terms where they exist (`server/types.ts`). */
export interface NginxLogEntry {
  origin: NginxOrigin;
  method: string;
  /** Path and query as requested. */
  url: string;
  range: string | null;
  ifRange: string | null;
  acceptEncoding: string | null;
  status: number;
  /** Body bytes nginx handed to the connection (a cutting proxy in front may have passed on fewer). */
  bytesSent: number;
  /** The body was not sent whole. */
  incomplete: boolean;
  /** The ETag nginx sent, if any. */
  etag: string | null;
  contentEncoding: string | null;
  /** nginx's connection serial number, and this request's position on it (1 = first). */
  connection: number;
  connectionRequests: number;
  /** Epoch ms, from `$msec` and `$request_time` (ms precision). */
  startedAt: number;
  endedAt: number;
}

interface RawLogLine {
  end: number;
  duration: number;
  port: number;
  connection: number;
  connectionRequests: number;
  method: string;
  url: string;
  range: string;
  ifRange: string;
  acceptEncoding: string;
  status: number;
  bytesSent: number;
  completion: string;
  etag: string;
  contentEncoding: string;
}

/** Parses the access log; a last line still being written (no newline yet) is left for the next read. */
export function parseAccessLog(text: string, ports: Record<NginxOrigin, number>): NginxLogEntry[] {
  const byPort = new Map(NGINX_ORIGINS.map((origin) => [ports[origin], origin]));
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  return complete
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const raw = JSON.parse(line) as RawLogLine;
      const origin = byPort.get(raw.port);
      if (origin === undefined) throw new Error(`nginx log: a request on unknown port ${raw.port}`);
      const endedAt = Math.round(raw.end * 1000);
      return {
        origin,
        method: raw.method,
        url: raw.url,
        range: raw.range || null,
        ifRange: raw.ifRange || null,
        acceptEncoding: raw.acceptEncoding || null,
        status: raw.status,
        bytesSent: raw.bytesSent,
        incomplete: raw.completion !== 'OK',
        etag: raw.etag || null,
        contentEncoding: raw.contentEncoding || null,
        connection: raw.connection,
        connectionRequests: raw.connectionRequests,
        startedAt: endedAt - Math.round(raw.duration * 1000),
        endedAt,
      };
    });
}
