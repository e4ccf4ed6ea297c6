import type { ServerResponse } from 'node:http';
import type { ResponseTally } from './scope';

/** Sends a small, complete body (JSON, an error text) and counts it in the log's `bytesSent`. */
export function reply(
  res: ServerResponse,
  status: number,
  body: string,
  contentType = 'text/plain; charset=utf-8',
  tally?: ResponseTally,
): void {
  const bytes = Buffer.from(body);
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': bytes.length,
    'Cache-Control': 'no-store',
  });
  // A HEAD response has no body: Node drops it, and it must not be counted as sent.
  if (tally && res.req.method !== 'HEAD') {
    tally.bytesSent += bytes.length;
    tally.sends.push([Date.now(), bytes.length]);
  }
  res.end(bytes);
}

export function replyJson(res: ServerResponse, status: number, value: unknown, tally?: ResponseTally): void {
  reply(res, status, `${JSON.stringify(value)}\n`, 'application/json', tally);
}
