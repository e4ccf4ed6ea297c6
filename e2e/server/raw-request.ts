import { request } from 'node:http';

/**
 * One HTTP request on a connection of its own, that never rejects for a broken body: a test of a cut or stalled
 * response needs the bytes that did arrive and how the response ended, which `fetch` hides behind an error. The path
 * is sent as given (no URL normalisation), so traversal attempts reach the server intact.
 */

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Whether the body ended as `Content-Length` promised (false when the connection was cut or aborted). */
  complete: boolean;
}

export interface RawRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Give up (and close the connection) once this many body bytes have arrived. */
  abortAfter?: number;
}

export function rawRequest(origin: string, path: string, init: RawRequestInit = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, {
      method: init.method ?? 'GET',
      headers: init.headers,
      agent: false,
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const pieces: Buffer[] = [];
      let received = 0;
      const finish = () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(pieces),
          complete: res.complete,
        });
      res.on('data', (piece: Buffer) => {
        pieces.push(piece);
        received += piece.length;
        if (init.abortAfter !== undefined && received >= init.abortAfter) req.destroy();
      });
      // 'close' comes however the body ended: whole, cut by the server, or given up here.
      res.on('close', finish);
      res.on('error', () => undefined);
    });
    req.end(init.body);
  });
}
