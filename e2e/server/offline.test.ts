import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMediaServer } from './server';
import type { MediaServer } from './types';

const app = mkdtempSync(join(tmpdir(), 'media-server-offline-'));
writeFileSync(join(app, 'index.html'), '<!doctype html><title>app</title>');
let server: MediaServer;
beforeAll(async () => {
  server = await startMediaServer({ static: { '/': app } });
});
afterAll(async () => {
  await server.close();
  rmSync(app, { recursive: true });
});

describe('setOffline', () => {
  it('drops every request without an answer, logs the scope ones, and serves again when back on', async () => {
    const scope = server.scope('offline-1');
    const media = `${scope.base}/media/ep.wav?seconds=1`;
    expect((await fetch(media)).status).toBe(200);

    server.setOffline(true);
    await expect(fetch(media)).rejects.toThrow(TypeError);
    await expect(fetch(`${server.origin}/`)).rejects.toThrow(TypeError);
    await expect(fetch(`${server.origin}/media/ep.svg`)).rejects.toThrow(TypeError);
    // The test's own endpoints still answer.
    const log = (await (await fetch(`${server.origin}/__log/offline-1?settled=1`)).json()) as unknown[];
    expect(log).toHaveLength(2);
    expect(log[1]).toMatchObject({ url: '/t/offline-1/media/ep.wav?seconds=1', status: 0, incomplete: true });

    server.setOffline(false);
    expect((await fetch(`${server.origin}/`)).status).toBe(200);
    expect((await fetch(media)).status).toBe(200);
  });

  it('cuts a response under way', async () => {
    const scope = server.scope('offline-2');
    const response = await fetch(`${scope.base}/media/long.wav?seconds=60&throttle=100000`);
    expect(response.status).toBe(200);
    server.setOffline(true);
    try {
      await expect(response.arrayBuffer()).rejects.toThrow(TypeError);
      expect((await scope.settled())[0]).toMatchObject({ status: 200, incomplete: true });
    } finally {
      server.setOffline(false);
    }
  });
});
