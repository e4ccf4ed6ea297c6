import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ResponseTally } from './scope';

/** What `/echo` (any path ending in it) answers, for upload tests: what arrived, and its SHA-256. */
export interface EchoReply {
  method: string;
  bytes: number;
  sha256: string;
}

/** Consumes the request body, counting it as received, and describes it. */
export async function receive(req: IncomingMessage, tally: ResponseTally): Promise<EchoReply> {
  const sha = createHash('sha256');
  for await (const piece of req as AsyncIterable<Buffer>) {
    sha.update(piece);
    tally.bytesReceived += piece.length;
  }
  return { method: req.method ?? 'GET', bytes: tally.bytesReceived, sha256: sha.digest('hex') };
}
