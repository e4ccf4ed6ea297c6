import { once } from 'node:events';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { bytesOf, sha256Hex, useMediaServer } from './test-server';

const media = useMediaServer();
/** Spans several generator pieces and starts ranges off the 16-byte block grid. */
const file = { name: 'episode.mp3', size: 600_001 };

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { response, body: await bytesOf(response) };
}

describe('generated files', () => {
  it('are the same bytes for the same name, size and version, and match their SHA-256', async () => {
    const scope = media.freshScope();
    const first = await get(scope.fileUrl(file));
    const second = await get(scope.fileUrl(file));
    const other = await get(scope.fileUrl({ ...file, name: 'other.mp3' }));
    expect(first.response.status).toBe(200);
    expect(first.response.headers.get('content-length')).toBe(String(file.size));
    expect(first.body.length).toBe(file.size);
    expect(second.body.equals(first.body)).toBe(true);
    expect(other.body.equals(first.body)).toBe(false);
    const sha = sha256Hex(first.body);
    expect(await scope.sha256(file)).toBe(sha);
    const served = await fetch(`${media.origin}/__sha256/${file.name}?size=${file.size}`);
    expect(await served.text()).toBe(sha);
  });

  it('serves a range as 206 with Content-Range, equal to that slice of the whole', async () => {
    const scope = media.freshScope();
    const whole = (await get(scope.fileUrl(file))).body;
    for (const [start, end] of [
      [1, 1],
      [17, 262_200],
      [262_143, 524_289],
      [599_990, 600_000],
    ] as const) {
      const { response, body } = await get(scope.fileUrl(file), { Range: `bytes=${start}-${end}` });
      expect(response.status).toBe(206);
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${file.size}`);
      expect(response.headers.get('content-length')).toBe(String(end - start + 1));
      expect(body.equals(whole.subarray(start, end + 1))).toBe(true);
    }
  });

  it('serves suffix and open ranges, clamping the end to the size', async () => {
    const scope = media.freshScope();
    const whole = (await get(scope.fileUrl(file))).body;
    const suffix = await get(scope.fileUrl(file), { Range: 'bytes=-100' });
    expect(suffix.response.headers.get('content-range')).toBe(`bytes 599901-600000/${file.size}`);
    expect(suffix.body.equals(whole.subarray(-100))).toBe(true);
    const open = await get(scope.fileUrl(file), { Range: 'bytes=599000-' });
    expect(open.body.equals(whole.subarray(599_000))).toBe(true);
    const clamped = await get(scope.fileUrl(file), { Range: 'bytes=599000-9999999' });
    expect(clamped.response.headers.get('content-range')).toBe(`bytes 599000-600000/${file.size}`);
  });

  it('answers 416 with the size for a range past the end, and 200 for one it does not understand', async () => {
    const scope = media.freshScope();
    const past = await get(scope.fileUrl(file), { Range: `bytes=${file.size}-` });
    expect(past.response.status).toBe(416);
    expect(past.response.headers.get('content-range')).toBe(`bytes */${file.size}`);
    expect(past.body.length).toBe(0);
    for (const range of ['bytes=0-1,5-9', 'bytes=9-1', 'pages=1-2']) {
      const ignored = await get(scope.fileUrl(file), { Range: range });
      expect(ignored.response.status).toBe(200);
      expect(ignored.body.length).toBe(file.size);
    }
  });

  it('honours If-Range only while the ETag or date still matches', async () => {
    const scope = media.freshScope();
    const head = await fetch(scope.fileUrl(file), { method: 'HEAD' });
    const etag = head.headers.get('etag')!;
    const lastModified = head.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    for (const validator of [etag, lastModified]) {
      const resumed = await get(scope.fileUrl(file), { Range: 'bytes=100-199', 'If-Range': validator });
      expect(resumed.response.status).toBe(206);
    }
    scope.bumpVersion(file.name);
    for (const validator of [etag, lastModified]) {
      const stale = await get(scope.fileUrl(file), { Range: 'bytes=100-199', 'If-Range': validator });
      expect(stale.response.status).toBe(200);
      expect(stale.body.length).toBe(file.size);
    }
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const scope = media.freshScope();
    const head = await fetch(scope.fileUrl(file), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Object.fromEntries(head.headers)).toMatchObject({
      'content-length': String(file.size),
      'content-type': 'application/octet-stream',
      'accept-ranges': 'bytes',
      'cache-control': 'no-store',
    });
    expect(head.headers.get('last-modified')).toBeTruthy();
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const [entry] = await scope.settled();
    expect(entry).toMatchObject({ method: 'HEAD', status: 200, bytesSent: 0, incomplete: false });
  });

  it('gives a new version new bytes, ETag and Last-Modified on bumpVersion', async () => {
    const scope = media.freshScope();
    const before = await get(scope.fileUrl(file));
    scope.bumpVersion(file.name);
    expect(scope.version(file.name)).toBe(2);
    const after = await get(scope.fileUrl(file));
    expect(after.response.headers.get('etag')).not.toBe(before.response.headers.get('etag'));
    const [lastBefore, lastAfter] = [before, after].map((r) =>
      Date.parse(r.response.headers.get('last-modified')!),
    );
    expect(lastAfter).toBeGreaterThan(lastBefore!);
    expect(after.body.equals(before.body)).toBe(false);
    expect(await scope.sha256(file, 1)).toBe(sha256Hex(before.body));
    expect(await scope.sha256(file)).toBe(sha256Hex(after.body));
    // Versions are per scope: elsewhere the file is still at version 1.
    expect((await get(media.freshScope().fileUrl(file))).body.equals(before.body)).toBe(true);
  });
});

describe('the control endpoint and the log', () => {
  async function control(scope: string, command: unknown) {
    return fetch(`${media.origin}/__control/${scope}`, { method: 'POST', body: JSON.stringify(command) });
  }

  it('sets knobs, bumps versions and resets a scope over HTTP', async () => {
    const scope = media.freshScope();
    expect((await control(scope.name, { file: file.name, knobs: { status: 503 } })).status).toBe(200);
    expect((await fetch(scope.fileUrl(file))).status).toBe(503);
    expect((await control(scope.name, { file: file.name, bumpVersion: true })).status).toBe(200);
    expect(scope.version(file.name)).toBe(2);
    expect((await control(scope.name, { reset: true })).status).toBe(200);
    expect(scope.version(file.name)).toBe(1);
    expect(scope.log()).toEqual([]);
    expect((await fetch(scope.fileUrl(file))).status).toBe(200);
  });

  it('refuses a command or knob it does not know', async () => {
    const scope = media.freshScope();
    expect((await control(scope.name, { file: file.name, knobs: { trottle: 5 } })).status).toBe(400);
    expect((await control(scope.name, { file: file.name, knobs: { cutMode: 'twice' } })).status).toBe(400);
    expect((await control(scope.name, { bump: true })).status).toBe(400);
    expect((await fetch(scope.fileUrl(file, { throttle: 0 }))).status).toBe(400);
  });

  it('logs each request with its range, status and body bytes, also over HTTP', async () => {
    const scope = media.freshScope();
    await get(scope.fileUrl(file), { Range: 'bytes=10-19', 'If-Range': '"x"' });
    await get(scope.fileUrl(file), { Range: 'bytes=0-9' });
    await get(`${scope.base}/files/none`);
    const log = await scope.settled();
    expect(log).toMatchObject([
      {
        method: 'GET',
        range: 'bytes=10-19',
        ifRange: '"x"',
        status: 200,
        bytesSent: file.size,
        incomplete: false,
      },
      { method: 'GET', range: 'bytes=0-9', ifRange: null, status: 206, bytesSent: 10, bytesReceived: 0 },
      { method: 'GET', url: `/t/${scope.name}/files/none`, status: 400 },
    ]);
    const { pathname, search } = new URL(scope.fileUrl(file));
    expect(log[0]!.url).toBe(pathname + search);
    expect(log[0]!.endedAt).toBeGreaterThanOrEqual(log[0]!.startedAt);
    expect(log[1]!.sends).toEqual([[expect.any(Number), 10]]);
    const served = await fetch(`${media.origin}/__log/${scope.name}?settled=1`);
    expect(await served.json()).toEqual(log);
  });

  it('keeps scopes apart: knobs, versions and logs', async () => {
    const [a, b] = [media.freshScope(), media.freshScope()];
    a.setKnobs(file.name, { status: 500 });
    a.bumpVersion(file.name);
    expect((await fetch(a.fileUrl(file))).status).toBe(500);
    expect((await fetch(b.fileUrl(file))).status).toBe(200);
    expect(b.version(file.name)).toBe(1);
    expect((await a.settled()).map((entry) => entry.status)).toEqual([500]);
    expect((await b.settled()).map((entry) => entry.status)).toEqual([200]);
  });
});

describe('the request log', () => {
  it('ends a response queued behind another on a connection that closes first', async () => {
    const scope = media.freshScope();
    const slow = { name: 'queued-slow.bin', size: 40_000 };
    const next = { name: 'queued-next.bin', size: 1_000 };
    const { host, hostname, port } = new URL(media.origin);
    const socket = connect(Number(port), hostname);
    await once(socket, 'connect');
    // The second request goes out while the first answer is still being sent (as a browser reuses a connection
    // once it has every byte, before the server has ended the response): Node queues the second response.
    for (const url of [scope.fileUrl(slow, { throttle: 20_000 }), scope.fileUrl(next)])
      socket.write(`GET ${new URL(url).pathname}${new URL(url).search} HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
    await once(socket, 'data');
    socket.destroy();
    const log = await scope.settled();
    expect(log).toHaveLength(2);
    expect(log.map((entry) => [entry.url.includes(slow.name), entry.incomplete])).toEqual(
      expect.arrayContaining([
        [true, true],
        [false, true],
      ]),
    );
  });
});
