import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useMediaServer } from './test-server';

const media = useMediaServer();
const upload = Buffer.alloc(200_000, 7);
const uploadSha = createHash('sha256').update(upload).digest('hex');

describe('/echo', () => {
  it('takes an upload and says what arrived, and logs the bytes received', async () => {
    const scope = media.freshScope();
    const response = await fetch(`${scope.base}/uploads/echo`, { method: 'PUT', body: upload });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ method: 'PUT', bytes: upload.length, sha256: uploadSha });
    expect(await scope.settled()).toMatchObject([
      { method: 'PUT', status: 200, bytesReceived: upload.length },
    ]);
  });

  it('honours the status and cors knobs', async () => {
    const scope = media.freshScope();
    scope.setKnobs('echo', { status: 503, failTimes: 1, cors: true });
    const failed = await fetch(`${scope.base}/echo`, { method: 'POST', body: upload });
    expect(failed.status).toBe(503);
    expect(failed.headers.get('access-control-allow-origin')).toBe('*');
    const echoed = await fetch(`${scope.base}/echo`, { method: 'POST', body: upload });
    expect(await echoed.json()).toMatchObject({ method: 'POST', bytes: upload.length });
    const preflight = await fetch(`${scope.base}/echo`, { method: 'OPTIONS' });
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect((await scope.settled()).map((entry) => [entry.method, entry.status, entry.bytesReceived])).toEqual(
      [
        ['POST', 503, upload.length],
        ['POST', 200, upload.length],
        ['OPTIONS', 204, 0],
      ],
    );
  });
});
