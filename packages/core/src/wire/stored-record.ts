import type { RegistrationSnapshot } from '../client/snapshot.js';
import { type FileOpener, openStoredFile, type StoredSlice, storedSliceStream } from './stored-file.js';

/**
 * The fallback engine's records at rest, and the bridge that hands a finished fallback job to the service worker.
 *
 * The fallback keeps a response's bytes in one file of the origin private file system where the browser lets its
 * worker write one (stored-file.ts), else in Cache Storage as bounded chunks (one entry each, under
 * `FALLBACK_CHUNK_CACHE`); only metadata is in IndexedDB. A `StoredRecord` names the file or the chunks; anything that
 * holds one can get the whole response back with `openStoredResponse` without reading it into memory. The service
 * worker (through `@bgfetch/sw`'s bridge) and the page-side default handler both use it, so a record reads the same
 * wherever it is handled.
 */

/**
 * Where finished records land when nobody says otherwise: `@bgfetch/sw`'s handlers and the fallback's page-side
 * default handler use the same name, so an app finds its files in one place whichever engine ran.
 */
export const DEFAULT_RECORDS_CACHE = 'bgfetch:records';

/** The cache that holds the fallback's chunks; the app's own caches never see them. */
export const FALLBACK_CHUNK_CACHE = 'bgfetch:fallback-chunks';

/** A request as the fallback stored it: enough to rebuild an equal `Request` (for `match` and `cache.put`). */
export interface StoredRequest {
  url: string;
  method: string;
  headers: [name: string, value: string][];
  /** The request's `integrity` (e.g. `sha256-…`), so whoever stores the record can verify it; absent when none. */
  integrity?: string;
  /** Chunk keys of the request body (uploads), in order; empty for a request without a body. */
  bodyChunkKeys: string[];
}

/** The logical, whole response: status and headers of the first answer, never a `Content-Range`. */
export interface StoredResponse {
  url: string;
  status: number;
  statusText: string;
  headers: [name: string, value: string][];
  /** The bytes' file in `FALLBACK_FILE_DIRECTORY`; absent when they are chunks or a slice of a pack. */
  file?: string;
  /**
   * The bytes' place in a pack of its job, the one file the small responses of a run of the job share
   * (docs/architecture.md, "Small responses"). A reader that does not know this field finds no file and no chunks:
   * an empty body, which the landing's length check refuses, never the whole pack.
   */
  pack?: StoredSlice;
  /** Keys in `FALLBACK_CHUNK_CACHE`, in order (empty when the bytes are a file). */
  chunkKeys: string[];
  /** Every byte is stored (the length matched `Content-Length` where one was sent). */
  complete: boolean;
  /**
   * The whole body's length when a `Content-Range` told it (the first answer may have had no `Content-Length`):
   * the opened response then carries it as its `Content-Length`, so landing it verifies the length.
   */
  total?: number;
}

export interface StoredRecord {
  request: StoredRequest;
  /** Absent when no response arrived (network error, CORS refusal, aborted before an answer). */
  response?: StoredResponse;
}

export type BridgeEventType =
  | 'backgroundfetchsuccess'
  | 'backgroundfetchfail'
  | 'backgroundfetchabort'
  | 'backgroundfetchclick';

/**
 * Posted by the page to the active service worker with a `MessagePort` (`event.ports[0]`). The hand-off
 * (docs/architecture.md, "Hand-off"): the service worker claims the run in the job's IndexedDB record
 * (`claimFallbackDispatch`) before it dispatches anything, answers `BridgeDispatchClaimed` at once and again every
 * `leaseMs / 3` while the event's handlers work, and `BridgeDispatchDone` once every `waitUntil` promise of the event
 * has settled; only then does the fallback remove the stored bytes (the spec's `recordsAvailable` turning false). A
 * run is dispatched once: a message for a run already claimed (another tab took the job over) joins it.
 */
export interface BridgeDispatchMessage {
  type: 'bgfetch:dispatch';
  event: BridgeEventType;
  registration: RegistrationSnapshot;
  records: StoredRecord[];
  /** The run (the job's token, new per `fetch()`): one id may be fetched again while an old run is handed off. */
  token: string;
  /** How often the service worker says it still works on the run: the page waits that long between two answers. */
  leaseMs: number;
}

/** The service worker took the run (and still works on it): the page must not touch its bytes. */
export interface BridgeDispatchClaimed {
  type: 'bgfetch:claimed';
}

export interface BridgeDispatchDone {
  type: 'bgfetch:dispatched';
  /** `false` when a handler threw or a `waitUntil` promise rejected; `error` says what. */
  ok: boolean;
  error?: string;
}

export type BridgeDispatchAnswer = BridgeDispatchClaimed | BridgeDispatchDone;

export function isBridgeDispatchMessage(value: unknown): value is BridgeDispatchMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { type, event, registration, records, token, leaseMs } = value as Partial<BridgeDispatchMessage>;
  return (
    type === 'bgfetch:dispatch' &&
    typeof event === 'string' &&
    event.startsWith('backgroundfetch') &&
    typeof registration?.id === 'string' &&
    Array.isArray(records) &&
    typeof token === 'string' &&
    typeof leaseMs === 'number' &&
    leaseMs > 0
  );
}

/** Rebuilds the request a record was made for, with its stored body when it has one. */
export async function openStoredRequest(request: StoredRequest, chunks: Cache): Promise<Request> {
  const body = await openStoredBody(request, chunks);
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    ...(request.integrity ? { integrity: request.integrity } : {}),
    ...(body === null ? {} : { body }),
  });
}

/**
 * A request's stored body (uploads) as one Blob of its chunks, `null` without one. A Blob and not a stream: Firefox
 * has no streaming request bodies, and sends a `ReadableStream` body as the text "[object ReadableStream]".
 */
export async function openStoredBody(request: StoredRequest, chunks: Cache): Promise<Blob | null> {
  if (request.bodyChunkKeys.length === 0) return null;
  const parts = await Promise.all(
    request.bodyChunkKeys.map(async (key) => {
      const chunk = await chunks.match(key);
      if (chunk === undefined)
        throw new DOMException(`bgfetch: stored chunk ${key} is missing`, 'NotFoundError');
      return chunk.blob();
    }),
  );
  return new Blob(parts);
}

/** A null-body status (204, 304…) cannot carry a body, even an empty one. */
export const isNullBodyStatus = (status: number): boolean =>
  status === 204 || status === 205 || status === 304;

/**
 * The whole response: its file, its slice of a pack of its job, or its chunks streamed one after the other from
 * `chunks` (`FALLBACK_CHUNK_CACHE`). With `settled` (an opener from `settledFiles`), its job's run is over: nothing
 * writes its pack any more, so a slice of it is handed over as a Blob (storedBlobOf) of the pack's one snapshot;
 * while the run goes on, the slice is read as a stream that survives the pack's other writes (stored-file.ts).
 */
export async function openStoredResponse(
  response: StoredResponse,
  chunks: Cache,
  settled?: FileOpener,
): Promise<Response> {
  return storedResponse(response, await storedBody(response, chunks, settled));
}

/**
 * A response with the stored status and headers (never a `Content-Range`) and the given body; with a known `total`
 * and no `Content-Length` of its own, that total as its `Content-Length`.
 */
function storedResponse(response: StoredResponse, body: BodyInit | null): Response {
  const headers = new Headers(response.headers.filter(([name]) => name.toLowerCase() !== 'content-range'));
  if (response.total !== undefined && !headers.has('Content-Length') && !headers.has('Content-Encoding'))
    headers.set('Content-Length', String(response.total));
  const opened = new Response(isNullBodyStatus(response.status) ? null : body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
  if (body instanceof Blob) wholeBodies.set(opened, body);
  return opened;
}

/** Opened responses whose body is a stored file, by response: see `storedBlobOf`. */
const wholeBodies = new WeakMap<Response, Blob>();

/**
 * The stored file a response opened here has as its body, while that body is unread. Landing checks its size and
 * hands the file itself to `cache.put`, which the browser copies without script: streamed through a script's
 * pass-through instead, the record took longer to land than the download took to arrive (docs/performance.md).
 */
export function storedBlobOf(response: Response): Blob | undefined {
  return response.bodyUsed ? undefined : wholeBodies.get(response);
}

async function storedBody(
  response: StoredResponse,
  chunks: Cache,
  settled: FileOpener | undefined,
): Promise<BodyInit | null> {
  if (isNullBodyStatus(response.status)) return null;
  const { pack } = response;
  if (pack !== undefined)
    return settled ? (await settled(pack.file)).slice(pack.start, pack.end) : storedSliceStream(pack);
  if (response.file !== undefined) return (settled ?? openStoredFile)(response.file);
  return streamChunks(response.chunkKeys, chunks);
}

/** Concatenates stored chunks as a stream, opening each only when the reader gets to it: memory stays flat. */
function streamChunks(keys: readonly string[], chunks: Cache): ReadableStream<Uint8Array> {
  let next = 0;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        if (!reader) {
          const key = keys[next++];
          if (key === undefined) return controller.close();
          const chunk = await chunks.match(key);
          if (!chunk?.body)
            throw new DOMException(`bgfetch: stored chunk ${key} is missing`, 'NotFoundError');
          reader = chunk.body.getReader();
        }
        const { done, value } = await reader.read();
        if (!done) return controller.enqueue(value);
        reader = undefined;
      }
    },
    cancel: (reason) => reader?.cancel(reason),
  });
}
