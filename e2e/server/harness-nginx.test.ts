import { mkdtempSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Nginx, startNginx } from '../harness/nginx';
import { rawRequest } from './raw-request';

/**
 * The e2e harness's nginx (harness/nginx.ts) with Debian's binary: what the real-server specs rely on it to do,
 * checked from Node in a few milliseconds each.
 */

let nginx: Nginx;
const pages = mkdtempSync(join(tmpdir(), 'nginx-test-pages-'));
const size = 300_000;

beforeAll(async () => {
  await writeFile(join(pages, 'index.html'), '<p>pages</p>');
  nginx = await startNginx({ pagesDir: pages, slowRate: 100_000 });
  await mkdir(join(nginx.filesDir, 'd'));
  await writeFile(join(nginx.filesDir, 'd', 'a.bin'), Buffer.alloc(size, 7));
  await writeFile(join(nginx.filesDir, 'd', 't.txt'), 'text line\n'.repeat(size / 10));
});
afterAll(async () => {
  await nginx?.stop();
  await rm(pages, { recursive: true, force: true });
});

const path = (name: string, prefix = 'files') => `/${prefix}/d/${name}`;

describe('harness nginx', () => {
  it('serves the pages and the files with its own validators and ranges', async () => {
    expect(await (await fetch(`${nginx.origins.main}/`)).text()).toBe('<p>pages</p>');
    const whole = await rawRequest(nginx.origins.main, path('a.bin'));
    expect(whole).toMatchObject({ status: 200, complete: true });
    const etag = whole.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    const part = await rawRequest(nginx.origins.main, path('a.bin'), {
      headers: { Range: 'bytes=1000-', 'If-Range': etag },
    });
    expect(part).toMatchObject({
      status: 206,
      headers: { 'content-range': `bytes 1000-${size - 1}/${size}` },
    });
    const stale = await rawRequest(nginx.origins.main, path('a.bin'), {
      headers: { Range: 'bytes=1000-', 'If-Range': '"other"' },
    });
    expect(stale.status).toBe(200);
    expect(stale.body.length).toBe(size);
  });

  it('gzips text and never ranges a gzip answer; a ranged request without gzip gets identity bytes', async () => {
    const encoded = await rawRequest(nginx.origins.main, path('t.txt'), {
      headers: { 'Accept-Encoding': 'gzip', Range: 'bytes=100-' },
    });
    expect(encoded).toMatchObject({ status: 200, headers: { 'content-encoding': 'gzip' } });
    expect(encoded.headers.etag).toMatch(/^W\//);
    const identity = await rawRequest(nginx.origins.main, path('t.txt'), {
      headers: { Range: 'bytes=100-' },
    });
    expect(identity.status).toBe(206);
  });

  it('cors: preflight granted, resume headers exposed; cdn: OPTIONS 405, nothing exposed', async () => {
    const preflight = await rawRequest(nginx.origins.cors, path('a.bin'), {
      method: 'OPTIONS',
      headers: { Origin: 'http://x', 'Access-Control-Request-Headers': 'range, if-range' },
    });
    expect(preflight).toMatchObject({
      status: 204,
      headers: { 'access-control-allow-headers': 'Range, If-Range', 'access-control-allow-origin': '*' },
    });
    const cors = await rawRequest(nginx.origins.cors, path('a.bin'));
    expect(cors.headers['access-control-expose-headers']).toBe('ETag, Content-Range, Content-Length');
    const cdn = await rawRequest(nginx.origins.cdn, path('a.bin'));
    expect(cdn.headers).toMatchObject({ 'access-control-allow-origin': '*' });
    expect(cdn.headers['access-control-expose-headers']).toBeUndefined();
    expect((await rawRequest(nginx.origins.cdn, path('a.bin'), { method: 'OPTIONS' })).status).toBe(405);
    expect((await rawRequest(nginx.origins.main, path('a.bin'))).headers['access-control-allow-origin']).toBe(
      undefined,
    );
  });

  it('busy until the file exists, a 500, and the redirects', async () => {
    const busy = await rawRequest(nginx.origins.main, path('later.bin', 'busy'));
    expect(busy).toMatchObject({ status: 503, headers: { 'retry-after': '1' } });
    await writeFile(join(nginx.filesDir, 'd', 'later.bin'), 'ready');
    expect((await rawRequest(nginx.origins.main, path('later.bin', 'busy'))).body.toString()).toBe('ready');
    expect((await rawRequest(nginx.origins.main, path('x', 'status/500'))).status).toBe(500);
    expect((await rawRequest(nginx.origins.main, path('x', 'redirect/data'))).headers.location).toMatch(
      /^data:/,
    );
    expect((await rawRequest(nginx.origins.main, path('a.bin', 'redirect/mirror'))).headers.location).toBe(
      `${nginx.origins.mirror}${path('a.bin')}`,
    );
  });

  it('slow-start: slow without Range, full speed with it', async () => {
    const timed = async (headers: Record<string, string>) => {
      const started = performance.now();
      const response = await rawRequest(nginx.origins.main, path('a.bin', 'slow-start'), { headers });
      expect(response.body.length).toBe(size);
      return performance.now() - started;
    };
    expect(await timed({ Range: 'bytes=0-' })).toBeLessThan(500);
    // 300,000 bytes at 100,000 a second, counted in whole seconds of nginx's clock from the first (sent at once):
    // the last ones go on the second after next.
    expect(await timed({})).toBeGreaterThan(900);
  });

  it('logs each response with its origin, range, validator and bytes', async () => {
    const log = await nginx.log();
    expect(log.find((entry) => entry.status === 206 && entry.ifRange !== null)).toMatchObject({
      origin: 'main',
      url: path('a.bin'),
      range: 'bytes=1000-',
      bytesSent: size - 1000,
      incomplete: false,
    });
    expect(new Set(log.map((entry) => entry.origin))).toEqual(new Set(['main', 'cors', 'cdn']));
  });
});
