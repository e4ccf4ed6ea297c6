import { describe, expect, it } from 'vitest';
import {
  accessLogPath,
  NGINX_ORIGINS,
  type NginxOrigin,
  nginxConfig,
  parseAccessLog,
} from '../harness/nginx-config';

/** The e2e harness's nginx config and access log (harness/nginx-config.ts): what the specs rely on. */

const ports: Record<NginxOrigin, number> = { main: 41001, mirror: 41002, cors: 41003, cdn: 41004 };
const options = {
  prefix: '/tmp/run prefix',
  pagesDir: '/work/pages',
  dataDir: '/tmp/run prefix/data',
  ports,
  slowRate: 262144,
};
const config = nginxConfig(options);

/** The text of the `server { … }` block that listens on `port`. */
function serverFor(origin: NginxOrigin): string {
  const blocks = config.split(/\n\s*server \{/).slice(1);
  const block = blocks.find((text) => text.includes(`listen 127.0.0.1:${ports[origin]};`));
  if (!block) throw new Error(`no server for ${origin}`);
  return block;
}

describe('nginx config', () => {
  it('runs without root: one foreground process, every path under the prefix, quoted', () => {
    expect(config).toMatch(/^daemon off;$/m);
    expect(config).toMatch(/^master_process off;$/m);
    expect(config).toContain('pid "/tmp/run prefix/nginx.pid";');
    expect(config).toContain(`access_log "${accessLogPath(options.prefix)}" harness;`);
    for (const temp of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
      expect(config).toMatch(new RegExp(`${temp}_temp_path "/tmp/run prefix/temp/\\w+";`));
    }
    expect(config).toContain('error_log stderr');
  });

  it('refuses a path that would break its quoting', () => {
    expect(() => nginxConfig({ ...options, pagesDir: '/tmp/a"b' })).toThrow(/unsupported path/);
  });

  it('has one server per origin, each on its own loopback port', () => {
    for (const origin of NGINX_ORIGINS)
      expect(serverFor(origin)).toContain(`listen 127.0.0.1:${ports[origin]};`);
    expect(config.match(/listen /g)).toHaveLength(NGINX_ORIGINS.length);
  });

  it('gzips text/plain and serves JavaScript as JavaScript (module workers need it)', () => {
    expect(config).toMatch(/gzip on;\s+gzip_types text\/plain;/);
    expect(config).toContain('application/javascript js mjs;');
    expect(config).toContain('text/plain txt;');
  });

  it('pages on main and mirror only; the CDNs serve files alone', () => {
    expect(serverFor('main')).toContain('location / { root "/work/pages";');
    expect(serverFor('mirror')).toContain('location / { root "/work/pages";');
    expect(serverFor('cors')).toContain('location / { return 404;');
    expect(serverFor('cdn')).toContain('location / { return 404;');
  });

  it('cors: exposes the resume headers on every answer and grants the preflight for Range and If-Range', () => {
    const cors = serverFor('cors');
    const files = cors.match(/location \/files\/ \{([^}]*)\}/)![1]!;
    expect(files).toContain('add_header Access-Control-Allow-Origin "*" always;');
    expect(files).toContain(
      'add_header Access-Control-Expose-Headers "ETag, Content-Range, Content-Length" always;',
    );
    const preflight = cors.match(/location = \/__options \{([^}]*)\}/)![1]!;
    expect(preflight).toContain('add_header Access-Control-Allow-Headers "Range, If-Range" always;');
    expect(preflight).toContain('return 204;');
  });

  it('cdn: allows any origin on every answer, exposes nothing, and answers OPTIONS 405', () => {
    const cdn = serverFor('cdn');
    expect(cdn).toContain('add_header Access-Control-Allow-Origin "*" always;');
    expect(cdn).not.toContain('Expose-Headers');
    expect(cdn.match(/location = \/__options \{([^}]*)\}/)![1]).toContain('return 405;');
  });

  it('main and mirror send no CORS header', () => {
    expect(serverFor('main')).not.toContain('Access-Control');
    expect(serverFor('mirror')).not.toContain('Access-Control');
  });

  it('throttles unranged answers only on /slow-start/, every answer on /slow/', () => {
    expect(config).toContain('map $http_range $unranged_rate { "" 262144; default 0; }');
    expect(serverFor('main')).toMatch(
      /location ~ \^\/slow-start\(\/\.\*\)\$ \{[^}]*limit_rate \$unranged_rate;/,
    );
    expect(serverFor('main')).toMatch(/location ~ \^\/slow\(\/\.\*\)\$ \{[^}]*limit_rate 262144;/);
  });

  it('answers 503 with Retry-After: 1 for a busy file until it exists, and redirects to the mirror', () => {
    const main = serverFor('main');
    expect(main).toContain('try_files /files$1 @busy;');
    expect(main).toMatch(/location @busy \{[^}]*add_header Retry-After 1 always; return 503;/);
    expect(main).toContain(`return 302 http://127.0.0.1:${ports.mirror}/files$1;`);
  });
});

describe('nginx access log', () => {
  const line = (fields: Record<string, unknown>) =>
    JSON.stringify({
      end: 1796406660.641,
      duration: 0.25,
      port: ports.main,
      connection: 5,
      connectionRequests: 1,
      method: 'GET',
      url: '/files/t/a.bin',
      range: '',
      ifRange: '',
      acceptEncoding: 'gzip',
      status: 200,
      bytesSent: 100,
      completion: 'OK',
      etag: '"6b12fd84-186a0"',
      contentEncoding: '',
      ...fields,
    });

  it('reads each response, naming its origin by port and its times in epoch ms', () => {
    const text = `${line({})}\n${line({ port: ports.cors, range: 'bytes=5-', ifRange: '"e"', status: 206, completion: '' })}\n`;
    expect(parseAccessLog(text, ports)).toEqual([
      {
        origin: 'main',
        method: 'GET',
        url: '/files/t/a.bin',
        range: null,
        ifRange: null,
        acceptEncoding: 'gzip',
        status: 200,
        bytesSent: 100,
        incomplete: false,
        etag: '"6b12fd84-186a0"',
        contentEncoding: null,
        connection: 5,
        connectionRequests: 1,
        startedAt: 1796406660391,
        endedAt: 1796406660641,
      },
      expect.objectContaining({
        origin: 'cors',
        range: 'bytes=5-',
        ifRange: '"e"',
        status: 206,
        incomplete: true,
      }),
    ]);
  });

  it('leaves a line still being written for the next read', () => {
    const text = `${line({})}\n${line({}).slice(0, 30)}`;
    expect(parseAccessLog(text, ports)).toHaveLength(1);
    expect(parseAccessLog('', ports)).toEqual([]);
  });

  it('refuses a line from a port it does not know', () => {
    expect(() => parseAccessLog(`${line({ port: 1 })}\n`, ports)).toThrow(/unknown port 1/);
  });
});
