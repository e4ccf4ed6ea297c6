import { describe, expect, it } from 'vitest';
import { rawRequest } from './raw-request';
import { bytesOf, sha256Hex, useMediaServer } from './test-server';
import type { Knobs, TestScope } from './types';

const media = useMediaServer();
const file = { name: 'knobbed.bin', size: 300_000 };

/** The path and query of a file in `scope`, for `rawRequest`. */
function pathOf(scope: TestScope, knobs: Knobs = {}): string {
  return scope.fileUrl(file, knobs).slice(media.origin.length);
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

describe('fault knobs', () => {
  it('throttle: sends at most N bytes per second', async () => {
    const scope = media.freshScope();
    const small = { name: 'slow.bin', size: 20_000 };
    const { result, ms } = await timed(async () =>
      bytesOf(await fetch(scope.fileUrl(small, { throttle: 50_000 }))),
    );
    expect(result.length).toBe(small.size);
    expect(ms).toBeGreaterThanOrEqual(400);
    // The log's writes add up to the body and show its pace: 20 000 bytes at 50 000 a second span 400 ms.
    const [entry] = await scope.settled();
    const sends = entry!.sends;
    expect(sends.reduce((sum, [, bytes]) => sum + bytes, 0)).toBe(small.size);
    expect(sends.at(-1)![0] - sends[0]![0]).toBeGreaterThanOrEqual(300);
    expect(sends.every(([at], index) => index === 0 || at >= sends[index - 1]![0])).toBe(true);
  });

  it('cutAfter (once): cuts the first response after N bytes, then serves whole', async () => {
    const scope = media.freshScope();
    const cut = await rawRequest(media.origin, pathOf(scope, { cutAfter: 1000 }));
    expect(cut.status).toBe(200);
    expect(cut.complete).toBe(false);
    expect(cut.body.length).toBe(1000);
    const whole = await rawRequest(media.origin, pathOf(scope, { cutAfter: 1000 }));
    expect(whole.complete).toBe(true);
    expect(whole.body.subarray(0, 1000).equals(cut.body)).toBe(true);
    expect(sha256Hex(whole.body)).toBe(await scope.sha256(file));
    expect(await scope.settled()).toMatchObject([
      { status: 200, bytesSent: 1000, incomplete: true },
      { status: 200, bytesSent: file.size, incomplete: false },
    ]);
  });

  it('cutAfter (always): cuts every response, counting the body bytes of a range', async () => {
    const scope = media.freshScope();
    scope.setKnobs(file.name, { cutAfter: 4096, cutMode: 'always' });
    const first = await rawRequest(media.origin, pathOf(scope));
    const resumed = await rawRequest(media.origin, pathOf(scope), { headers: { Range: 'bytes=4096-' } });
    expect([first.complete, resumed.complete]).toEqual([false, false]);
    expect(resumed.status).toBe(206);
    expect(resumed.body.length).toBe(4096);
    const log = await scope.settled();
    expect(log.map((entry) => [entry.bytesSent, entry.incomplete])).toEqual([
      [4096, true],
      [4096, true],
    ]);
  });

  it('cutAfter 0: cuts right after the head', async () => {
    const scope = media.freshScope();
    const cut = await rawRequest(media.origin, pathOf(scope, { cutAfter: 0 }));
    expect(cut).toMatchObject({ status: 200, complete: false });
    expect(cut.body.length).toBe(0);
  });

  it('ignoreRange: answers 200 with the whole body', async () => {
    const scope = media.freshScope();
    const response = await fetch(scope.fileUrl(file, { ignoreRange: true }), {
      headers: { Range: 'bytes=10-19' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-range')).toBeNull();
    expect(response.headers.get('accept-ranges')).toBe('none');
    expect((await bytesOf(response)).length).toBe(file.size);
  });

  it('rangeShift: a 206 from earlier than asked, its Content-Range saying so', async () => {
    const scope = media.freshScope();
    const response = await fetch(scope.fileUrl(file, { rangeShift: 5 }), {
      headers: { Range: 'bytes=10-19' },
    });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 5-19/${file.size}`);
    expect((await bytesOf(response)).length).toBe(15);
  });

  it('chunked: a 200 without Content-Length, the same bytes; a range still gets its length', async () => {
    const scope = media.freshScope();
    const whole = await rawRequest(media.origin, pathOf(scope, { chunked: true }));
    expect(whole.status).toBe(200);
    expect(whole.headers['content-length']).toBeUndefined();
    expect(whole.headers['transfer-encoding']).toBe('chunked');
    expect(sha256Hex(whole.body)).toBe(await scope.sha256(file));
    const part = await rawRequest(media.origin, pathOf(scope, { chunked: true }), {
      headers: { Range: 'bytes=10-19' },
    });
    expect(part.headers['content-length']).toBe('10');
  });

  it('rangeCap: an open-ended range gets at most N bytes, its Content-Range saying so; a closed one is whole', async () => {
    const scope = media.freshScope();
    const capped = await fetch(scope.fileUrl(file, { rangeCap: 1000 }), { headers: { Range: 'bytes=100-' } });
    expect(capped.status).toBe(206);
    expect(capped.headers.get('content-range')).toBe(`bytes 100-1099/${file.size}`);
    expect((await bytesOf(capped)).length).toBe(1000);
    const tail = await fetch(scope.fileUrl(file, { rangeCap: 1000 }), {
      headers: { Range: `bytes=${file.size - 10}-` },
    });
    expect(tail.headers.get('content-range')).toBe(`bytes ${file.size - 10}-${file.size - 1}/${file.size}`);
    await bytesOf(tail);
    const closed = await fetch(scope.fileUrl(file, { rangeCap: 1000 }), {
      headers: { Range: 'bytes=0-4999' },
    });
    expect((await bytesOf(closed)).length).toBe(5000);
    expect((await bytesOf(await fetch(scope.fileUrl(file, { rangeCap: 1000 })))).length).toBe(file.size);
  });

  it('changeEtag: every request after the first sees a new version', async () => {
    const scope = media.freshScope();
    scope.setKnobs(file.name, { changeEtag: true });
    const responses = [await fetch(scope.fileUrl(file)), await fetch(scope.fileUrl(file))];
    const bodies = await Promise.all(responses.map(bytesOf));
    const [etag1, etag2] = responses.map((r) => r.headers.get('etag'));
    expect(etag2).not.toBe(etag1);
    expect(scope.version(file.name)).toBe(2);
    expect(sha256Hex(bodies[0]!)).toBe(await scope.sha256(file, 1));
    expect(sha256Hex(bodies[1]!)).toBe(await scope.sha256(file, 2));
    // A resume against the old ETag is refused: the whole new version comes back.
    const resumed = await fetch(scope.fileUrl(file), {
      headers: { Range: 'bytes=100-', 'If-Range': etag2! },
    });
    expect(resumed.status).toBe(200);
    expect(sha256Hex(await bytesOf(resumed))).toBe(await scope.sha256(file, 3));
  });

  it('cutAfter (once): of two responses running at once, only the first to reach N is cut', async () => {
    const scope = media.freshScope();
    scope.setKnobs(file.name, { cutAfter: 1000, throttle: 200_000 });
    const both = await Promise.all([
      rawRequest(media.origin, pathOf(scope)),
      rawRequest(media.origin, pathOf(scope)),
    ]);
    expect(both.map((response) => response.complete).sort()).toEqual([false, true]);
  });

  it('noValidators: sends neither ETag nor Last-Modified, and still serves ranges', async () => {
    const scope = media.freshScope();
    const whole = await fetch(scope.fileUrl(file, { noValidators: true }));
    expect(whole.headers.get('etag')).toBeNull();
    expect(whole.headers.get('last-modified')).toBeNull();
    await bytesOf(whole);
    const part = await fetch(scope.fileUrl(file, { noValidators: true }), {
      headers: { Range: 'bytes=0-99' },
    });
    expect(part.status).toBe(206);
    expect((await bytesOf(part)).length).toBe(100);
  });

  it.each([404, 500, 503])('status %i: replies with it instead of the file', async (status) => {
    const scope = media.freshScope();
    const response = await fetch(scope.fileUrl(file, { status }));
    expect(response.status).toBe(status);
    expect((await bytesOf(response)).length).toBeLessThan(100);
    expect((await fetch(scope.fileUrl(file, { status }))).status).toBe(status);
  });

  it('status with failTimes: fails the first N requests, then serves', async () => {
    const scope = media.freshScope();
    scope.setKnobs(file.name, { status: 503, failTimes: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(scope.fileUrl(file))).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('delayMs: holds the response head back', async () => {
    const scope = media.freshScope();
    const { result, ms } = await timed(() => fetch(scope.fileUrl(file, { delayMs: 300 })));
    expect(result.status).toBe(200);
    expect(ms).toBeGreaterThanOrEqual(300);
    await result.arrayBuffer();
  });

  it('stallAt with stallMs: pauses mid-body, then finishes the same bytes', async () => {
    const scope = media.freshScope();
    const { result, ms } = await timed(async () =>
      bytesOf(await fetch(scope.fileUrl(file, { stallAt: 5000, stallMs: 300 }))),
    );
    expect(ms).toBeGreaterThanOrEqual(300);
    expect(sha256Hex(result)).toBe(await scope.sha256(file));
  });

  it('stallAt alone: stalls until the client gives up, and logs that', async () => {
    const scope = media.freshScope();
    const stalled = await rawRequest(media.origin, pathOf(scope, { stallAt: 5000 }), { abortAfter: 5000 });
    expect(stalled.complete).toBe(false);
    expect(stalled.body.length).toBe(5000);
    expect(await scope.settled()).toMatchObject([{ status: 200, bytesSent: 5000, incomplete: true }]);
  });

  it('cors: allows any origin, exposes the range headers and grants preflights', async () => {
    const scope = media.freshScope();
    const plain = await fetch(scope.fileUrl(file), { method: 'HEAD' });
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    const cors = await fetch(scope.fileUrl(file, { cors: true }), { method: 'HEAD' });
    expect(cors.headers.get('access-control-allow-origin')).toBe('*');
    expect(cors.headers.get('access-control-expose-headers')).toContain('Content-Range');
    const preflight = await fetch(scope.fileUrl(file, { cors: true }), {
      method: 'OPTIONS',
      headers: { Origin: 'http://elsewhere.test', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('If-Range');
    const refused = await fetch(scope.fileUrl(file), { method: 'OPTIONS' });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('query knobs override the scope knobs key by key', async () => {
    const scope = media.freshScope();
    scope.setKnobs(file.name, { status: 500, cors: true });
    const response = await fetch(scope.fileUrl(file, { status: 404 }));
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});
