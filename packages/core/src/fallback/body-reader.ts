/** What a read into one reused buffer asks for at most: Chromium's network pipe holds 512 KiB. */
const READ_BUFFER_BYTES = 1024 * 1024;

/** Reads a response body piece by piece, never more than asked for. */
export interface BodyReader {
  /** The next piece of at most `max` bytes, `undefined` at the end. */
  next(max: number): Promise<Uint8Array<ArrayBuffer> | undefined>;
  cancel(): void;
}

/**
 * Reads `body`. When `reuse` (the consumer copies each piece before the next read), it reads into one buffer over
 * and over through a BYOB reader, so a download makes no garbage: in Chromium here that took a 1 GiB download's
 * memory growth from 113 to 23 MiB. Where the body is no byte stream (WebKitGTK 2.50), or pieces are kept, each read
 * gets a new buffer, split when it is larger than asked for.
 */
export function bodyReader(body: ReadableStream<Uint8Array<ArrayBuffer>>, reuse: boolean): BodyReader {
  const byob = reuse ? byobReaderOf(body) : undefined;
  if (byob !== undefined) {
    let buffer = new ArrayBuffer(READ_BUFFER_BYTES);
    return {
      async next(max) {
        const { done, value } = await byob.read(new Uint8Array(buffer, 0, Math.min(max, buffer.byteLength)));
        if (value === undefined) return undefined;
        // The read hands the buffer back (transferred) in `value`: the next read reuses it.
        buffer = value.buffer;
        return done ? undefined : value;
      },
      cancel: () => void byob.cancel().catch(() => {}),
    };
  }
  const reader = body.getReader();
  let leftover: Uint8Array<ArrayBuffer> | undefined;
  return {
    async next(max) {
      const value = leftover ?? (await reader.read()).value;
      leftover = undefined;
      if (value === undefined || value.byteLength <= max) return value;
      leftover = value.subarray(max);
      return value.subarray(0, max);
    },
    cancel: () => void reader.cancel().catch(() => {}),
  };
}

/**
 * The next `length` bytes of `reader`, copied (a reused buffer is read again); a body that ends before them is a
 * `TypeError`, as a cut is.
 */
export async function readExactly(reader: BodyReader, length: number): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = new Uint8Array(length);
  for (let at = 0; at < length; ) {
    const piece = await reader.next(length - at);
    if (piece === undefined)
      throw new TypeError(`bgfetch: the answer ended within its first ${length} bytes`);
    bytes.set(piece, at);
    at += piece.byteLength;
  }
  return bytes;
}

function byobReaderOf(body: ReadableStream<Uint8Array<ArrayBuffer>>): ReadableStreamBYOBReader | undefined {
  try {
    return body.getReader({ mode: 'byob' });
  } catch {
    return undefined;
  }
}
