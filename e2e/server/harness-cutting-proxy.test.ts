import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CutSwitch, startCuttingProxy } from '../harness/cutting-proxy';
import { rawRequest } from './raw-request';
import { startMediaServer } from './server';
import { sha256Hex } from './test-server';
import type { MediaServer } from './types';

/** The e2e harness's cutting proxy (harness/cutting-proxy.ts): its byte counting, then the proxy on a socket. */

describe('CutSwitch', () => {
  it('passes everything while unarmed', () => {
    const meter = new CutSwitch().meter();
    expect(meter.decide(1000)).toEqual({ forward: 1000, cut: false });
    expect(meter.forwarded).toBe(1000);
  });

  it('cuts right after N bytes counted from arming, across pieces', () => {
    const cuts = new CutSwitch();
    const meter = cuts.meter();
    meter.decide(500);
    cuts.arm(1000);
    expect(meter.decide(600)).toEqual({ forward: 600, cut: false });
    expect(meter.decide(600)).toEqual({ forward: 400, cut: true });
    expect(meter.forwarded).toBe(1500);
  });

  it('cuts at a piece boundary that lands exactly on N', () => {
    const cuts = new CutSwitch();
    cuts.arm(600);
    const meter = cuts.meter();
    expect(meter.decide(600)).toEqual({ forward: 600, cut: true });
  });

  it('0 cuts before the first byte', () => {
    const cuts = new CutSwitch();
    cuts.arm(0);
    expect(cuts.meter().decide(10)).toEqual({ forward: 0, cut: true });
  });

  it('cuts once: the first connection to reach N, then no other', () => {
    const cuts = new CutSwitch();
    cuts.arm(100);
    const [a, b] = [cuts.meter(), cuts.meter()];
    expect(a.decide(60)).toEqual({ forward: 60, cut: false });
    expect(b.decide(100)).toEqual({ forward: 100, cut: true });
    expect(cuts.isArmed).toBe(false);
    expect(a.decide(60)).toEqual({ forward: 60, cut: false });
  });

  it('re-arming counts again from zero on every connection', () => {
    const cuts = new CutSwitch();
    const meter = cuts.meter();
    cuts.arm(100);
    meter.decide(90);
    cuts.arm(100);
    expect(meter.decide(90)).toEqual({ forward: 90, cut: false });
    expect(meter.decide(20)).toEqual({ forward: 10, cut: true });
  });

  it('refuses a count that is not a byte count', () => {
    expect(() => new CutSwitch().arm(-1)).toThrow();
    expect(() => new CutSwitch().arm(1.5)).toThrow();
  });
});

describe('cutting proxy in front of the media server', () => {
  let media: MediaServer;
  beforeAll(async () => {
    media = await startMediaServer();
  });
  afterAll(() => media.close());

  const file = { name: 'proxied.bin', size: 300_000 };
  const proxied = async () => startCuttingProxy(Number(new URL(media.origin).port));

  it('passes a response through whole while unarmed', async () => {
    const proxy = await proxied();
    const scope = media.scope('proxy-whole');
    const response = await rawRequest(proxy.origin, scope.fileUrl(file).slice(media.origin.length));
    expect(response.complete).toBe(true);
    expect(sha256Hex(response.body)).toBe(await scope.sha256(file));
    await proxy.close();
  });

  it('cuts the answer stream after N bytes (head included), then passes the next connection whole', async () => {
    const proxy = await proxied();
    const scope = media.scope('proxy-cut');
    const path = scope.fileUrl(file).slice(media.origin.length);
    proxy.cutAfter(100_000);
    const cut = proxy.nextCut();
    const first = await rawRequest(proxy.origin, path);
    expect(first.complete).toBe(false);
    const { forwarded } = await cut;
    expect(forwarded).toBe(100_000);
    // The head took the rest of the 100,000 bytes.
    expect(first.body.length).toBeLessThan(100_000);
    expect(first.body.length).toBeGreaterThan(99_000);
    const again = await rawRequest(proxy.origin, path);
    expect(again.complete).toBe(true);
    expect(proxy.connections.map((connection) => connection.cut)).toEqual([true, false]);
    await proxy.close();
  });

  it('cutAll() ends the connections that are open, however far they got', async () => {
    // A server that sends a head and then nothing: only a cut ends the response.
    const silent: Server = createServer((socket) => {
      socket.once('data', () => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const proxy = await startCuttingProxy((silent.address() as { port: number }).port);
    const pending = rawRequest(proxy.origin, '/');
    await expect.poll(() => proxy.connections[0]?.forwarded ?? 0).toBeGreaterThan(0);
    proxy.cutAll();
    const response = await pending;
    expect(response).toMatchObject({ status: 200, complete: false });
    expect(response.body.toString()).toBe('abc');
    await proxy.close();
    await new Promise((resolve) => silent.close(resolve));
  });
});
