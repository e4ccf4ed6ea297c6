import { type AcceptedResponses, unacceptedSize } from '../input/accept.js';
import { createDigest } from './digest.js';
import { integrityExpectation } from './sri.js';

/**
 * What a record must be to count as stored: its length equals the whole length the server promised (a
 * `Content-Length`, or the total of a `Content-Range` when the bytes came in ranges), and its digest matches the
 * request's `integrity` (SRI: the strongest of sha256 / sha384 / sha512 decides).
 */
export interface Expected {
  /** The whole body's length, when one was promised. */
  length?: number;
  /** The request's SRI metadata, when it has some. */
  integrity?: string;
  /** The fetch's `accept`: its `minBytes` is checked at the body's end (a length the head did not tell). */
  accept?: AcceptedResponses;
}

export type VerifyProblem = 'length-mismatch' | 'integrity-mismatch' | 'unaccepted';

/** What the body turned out to be; `problem` is set once the body ended wrong. */
export interface Verification {
  bytes: number;
  problem?: VerifyProblem;
  message?: string;
}

export interface VerifyingStream {
  /** Passes the body through, counting and hashing it; errors at the end when the body is not what was expected. */
  stream: TransformStream<Uint8Array, Uint8Array>;
  verification: Verification;
}

/**
 * A pass-through that verifies the body as it flows, memory flat for any size. It errors the stream at the end
 * when the body is wrong, so a `cache.put` of a response with this body rejects and writes nothing: `put` is
 * atomic per entry, so what the cache held under the key stays until a verified body replaces it.
 */
export async function verifyingStream(expected: Expected): Promise<VerifyingStream> {
  const sri = integrityExpectation(expected.integrity);
  const digest = sri ? await createDigest(sri.algorithm) : undefined;
  const verification: Verification = { bytes: 0 };
  const stream = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      verification.bytes += chunk.byteLength;
      digest?.update(chunk);
      controller.enqueue(chunk);
    },
    flush(controller) {
      Object.assign(verification, sizeProblem(expected, verification.bytes));
      if (verification.problem === undefined && sri && digest) {
        const actual = digest.digest();
        if (!sri.digests.includes(actual)) {
          verification.problem = 'integrity-mismatch';
          verification.message = `${sri.algorithm}-${actual} is not the request's integrity ${expected.integrity}`;
        }
      }
      if (verification.problem !== undefined)
        controller.error(new TypeError(`bgfetch: ${verification.message}`));
    },
  });
  return { stream, verification };
}

/** What is wrong with a body of `bytes` bytes by its size alone: not the promised length, or under `minBytes`. */
export function sizeProblem(
  expected: Expected,
  bytes: number,
): Pick<Verification, 'problem' | 'message'> | undefined {
  if (expected.length !== undefined && bytes !== expected.length)
    return {
      problem: 'length-mismatch',
      message: `${bytes} bytes arrived, the server promised ${expected.length}`,
    };
  const tooSmall = unacceptedSize(expected.accept, bytes);
  return tooSmall === undefined ? undefined : { problem: 'unaccepted', message: tooSmall };
}

/** Reads a body to its end through `verifyingStream`; resolves with what it was (never rejects for a bad body). */
export async function verifyBody(
  body: ReadableStream<Uint8Array> | null,
  expected: Expected,
): Promise<Verification> {
  const { stream, verification } = await verifyingStream(expected);
  const sink = new WritableStream<Uint8Array>();
  await (body ?? emptyStream())
    .pipeThrough(stream)
    .pipeTo(sink)
    .catch((error: unknown) => {
      if (verification.problem === undefined) throw error;
    });
  return verification;
}

const emptyStream = () => new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });

/**
 * The body length a response's headers promise, or `undefined` when it cannot be checked: no `Content-Length`, or a
 * `Content-Encoding` (the header then counts encoded bytes and the body is decoded).
 */
export function expectedLength(headers: Headers): number | undefined {
  const encoding = headers.get('Content-Encoding');
  if (encoding !== null && encoding.trim().toLowerCase() !== 'identity') return undefined;
  const value = headers.get('Content-Length');
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}
