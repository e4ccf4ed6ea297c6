import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rawRequest } from './raw-request';
import { useMediaServer } from './test-server';

function appFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'media-server-static-'));
  mkdirSync(join(root, 'app', 'docs'), { recursive: true });
  writeFileSync(join(root, 'app', 'index.html'), '<!doctype html><title>demo</title>');
  writeFileSync(join(root, 'app', 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(root, 'app', 'app.webmanifest'), '{}');
  writeFileSync(join(root, 'app', 'docs', 'index.html'), 'docs');
  writeFileSync(join(root, 'secret.txt'), 'not for the web');
  mkdirSync(join(root, 'bench'));
  writeFileSync(join(root, 'bench', 'run.mjs'), 'export {};');
  return root;
}

const root = appFolder();
afterAll(() => rmSync(root, { recursive: true }));
const media = useMediaServer(() => ({ static: { '/': join(root, 'app'), '/bench': join(root, 'bench') } }));

describe('static files', () => {
  it('serves the mounted folders with their types, no-cache and Service-Worker-Allowed', async () => {
    const index = await fetch(`${media.origin}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>demo</title>');
    expect(Object.fromEntries(index.headers)).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'service-worker-allowed': '/',
    });
    const types = await Promise.all(
      ['/sw.js', '/app.webmanifest', '/bench/run.mjs'].map(async (path) =>
        (await fetch(`${media.origin}${path}`)).headers.get('content-type'),
      ),
    );
    expect(types).toEqual([
      'text/javascript; charset=utf-8',
      'application/manifest+json',
      'text/javascript; charset=utf-8',
    ]);
  });

  it('redirects a folder to its slash, then serves its index', async () => {
    const folder = await fetch(`${media.origin}/docs`, { redirect: 'manual' });
    expect(folder.status).toBe(301);
    expect(folder.headers.get('location')).toBe('/docs/');
    expect(await (await fetch(`${media.origin}/docs/`)).text()).toBe('docs');
  });

  it('refuses paths that climb out of the folder', async () => {
    for (const path of [
      '/..%2fsecret.txt',
      '/docs/..%2f..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/../secret.txt',
    ]) {
      const response = await rawRequest(media.origin, path);
      expect([403, 404]).toContain(response.status);
      expect(response.body.toString()).not.toContain('not for the web');
    }
    expect((await rawRequest(media.origin, '/..%2fsecret.txt')).status).toBe(403);
  });

  it('keeps generated resources and 404 apart from the app', async () => {
    expect((await fetch(`${media.origin}/files/a.bin?size=10`)).status).toBe(200);
    expect((await fetch(`${media.origin}/missing.js`)).status).toBe(404);
  });
});
