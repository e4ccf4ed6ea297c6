import {
  type BackgroundFetchEvent,
  type BackgroundFetchFailureReason,
  type BackgroundFetchRecord,
  type BackgroundFetchRegistration,
  type BackgroundFetchResult,
  type BackgroundFetchUIOptions,
  type BridgeDispatchDone,
  type BridgeDispatchMessage,
  type BridgeEventType,
  type EngineKind,
  FALLBACK_CHUNK_CACHE,
  isBridgeDispatchMessage,
  openStoredRequest,
  openStoredResponse,
  type RegistrationSnapshot,
  type StoredRecord,
} from '@bgfetch/core';
import { requestMatches } from './match.js';
import { serviceWorkerScope } from './scope.js';

/**
 * The bridge: where the browser has no Background Fetch, the fallback engine hands each finished job to the
 * service worker as a `BridgeDispatchMessage`, and this dispatches the very events the browser would —
 * `backgroundfetchsuccess`, `backgroundfetchfail`, `backgroundfetchabort`, `backgroundfetchclick` — on the
 * service worker's global scope, with a spec-shaped `event.registration` over the stored records. Handlers
 * registered with `addEventListener` (or `onbackgroundfetch…` where the browser has no such attribute) run
 * unchanged on either engine.
 */

const bridgeEvents = new WeakSet<object>();

/** Which engine an event came from: the bridge's events are the fallback's, everything else is the browser's. */
export function engineOf(event: BackgroundFetchEvent): EngineKind {
  return bridgeEvents.has(event) ? 'fallback' : 'native';
}

const INSTALLED = Symbol.for('bgfetch:bridge-installs');
type Installs = { [INSTALLED]?: { count: number; listener: (event: ExtendableMessageEvent) => void } };

/**
 * Starts answering the fallback engine's dispatch messages; returns a function that stops it. Installing it more
 * than once (e.g. `handleBackgroundFetch()` and a direct call) still dispatches each job once. No side effect on
 * import: nothing listens until this is called.
 */
export function installBackgroundFetchBridge(): () => void {
  const scope = serviceWorkerScope() as ServiceWorkerGlobalScope & Installs;
  let installed = scope[INSTALLED];
  if (installed === undefined) {
    const listener = (event: ExtendableMessageEvent) => {
      if (!isBridgeDispatchMessage(event.data)) return;
      const port = event.ports[0];
      if (port === undefined) return;
      event.waitUntil(dispatch(scope, event.data, port));
    };
    installed = { count: 0, listener };
    scope[INSTALLED] = installed;
    scope.addEventListener('message', listener);
  }
  installed.count++;
  let removed = false;
  return () => {
    if (removed || installed === undefined) return;
    removed = true;
    if (--installed.count > 0) return;
    scope.removeEventListener('message', installed.listener);
    delete scope[INSTALLED];
  };
}

async function dispatch(scope: ServiceWorkerGlobalScope, message: BridgeDispatchMessage, port: MessagePort) {
  const answer = (done: BridgeDispatchDone) => port.postMessage(done);
  try {
    const chunks = await caches.open(FALLBACK_CHUNK_CACHE);
    const registration = new BridgeRegistration(message.registration, message.records, chunks);
    const event = createBridgeEvent(message.event, registration);
    const thrown: unknown[] = [];
    const onError = (error: ErrorEvent) => thrown.push(error.error ?? error.message);
    scope.addEventListener('error', onError);
    try {
      scope.dispatchEvent(event);
      callHandlerAttribute(scope, event);
    } finally {
      scope.removeEventListener('error', onError);
    }
    const rejected = await event.finish();
    registration.close();
    const errors = [...thrown, ...rejected];
    answer(
      errors.length === 0
        ? { type: 'bgfetch:dispatched', ok: true }
        : { type: 'bgfetch:dispatched', ok: false, error: errors.map(describe).join('; ') },
    );
  } catch (error) {
    answer({ type: 'bgfetch:dispatched', ok: false, error: describe(error) });
  }
}

/** `self.onbackgroundfetchsuccess = …` works natively where the attribute exists; elsewhere the bridge calls it. */
function callHandlerAttribute(scope: ServiceWorkerGlobalScope, event: Event) {
  const name = `on${event.type}`;
  if (name in Object.getPrototypeOf(scope)) return;
  const handler = (scope as unknown as Record<string, unknown>)[name];
  if (typeof handler !== 'function') return;
  try {
    handler.call(scope, event);
  } catch (error) {
    reportError(error);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

interface BridgeEvent extends BackgroundFetchEvent {
  /** Ends the dispatch phase; resolves with the rejections once every `waitUntil` promise has settled. */
  finish(): Promise<unknown[]>;
}

/**
 * An `ExtendableEvent` of the given type, made by the bridge. A script-made `ExtendableEvent` is untrusted, and the
 * platform's `waitUntil` throws on those: the bridge gives each event its own `waitUntil` with the same rules
 * (only while active; active while dispatching or while a promise given to it is pending), and `updateUI` on
 * success and fail events (once, while active).
 */
function createBridgeEvent(type: BridgeEventType, registration: BridgeRegistration): BridgeEvent {
  const event: Event = typeof ExtendableEvent === 'function' ? new ExtendableEvent(type) : new Event(type);
  let dispatching = true;
  let pending = 0;
  const rejected: unknown[] = [];
  let settle: (() => void) | undefined;
  const active = () => dispatching || pending > 0;
  const check = () => {
    if (!active()) settle?.();
  };

  const waitUntil = (promise: Promise<unknown>) => {
    if (!active()) {
      throw new DOMException(
        `bgfetch: waitUntil on a ${type} event that is no longer active: call it in the handler, or before the promises already given to it settle`,
        'InvalidStateError',
      );
    }
    pending++;
    Promise.resolve(promise)
      .catch((error: unknown) => {
        rejected.push(error);
      })
      // As the platform does: the count drops a microtask after the promise settles, so a reaction to it may still
      // extend the event.
      .then(() =>
        queueMicrotask(() => {
          pending--;
          check();
        }),
      );
  };
  const properties: PropertyDescriptorMap = {
    registration: { value: registration, enumerable: true },
    waitUntil: { value: waitUntil },
    finish: {
      value: () => {
        dispatching = false;
        const finished = new Promise<void>((resolve) => {
          settle = resolve;
        });
        check();
        return finished.then(() => rejected);
      },
    },
  };
  if (type === 'backgroundfetchsuccess' || type === 'backgroundfetchfail') {
    let updated = false;
    properties.updateUI = {
      value: async (_options?: BackgroundFetchUIOptions) => {
        if (updated) {
          throw new DOMException(`updateUI was already called for this ${type} event`, 'InvalidStateError');
        }
        if (!active()) {
          throw new DOMException(`the ${type} event is no longer active`, 'InvalidStateError');
        }
        // The fallback has no browser download UI: the call is recorded, and the kit's handlers pass it on to the
        // pages in their outcome.
        updated = true;
      },
    };
  }
  Object.defineProperties(event, properties);
  bridgeEvents.add(event);
  return event as BridgeEvent;
}

/** The spec's `BackgroundFetchRegistration` over a settled fallback job's stored records. */
class BridgeRegistration extends EventTarget {
  readonly id: string;
  readonly uploadTotal: number;
  readonly uploaded: number;
  readonly downloadTotal: number;
  readonly downloaded: number;
  readonly result: BackgroundFetchResult;
  readonly failureReason: BackgroundFetchFailureReason;
  onprogress: ((this: BackgroundFetchRegistration, event: Event) => unknown) | null = null;
  #available = true;
  readonly #records: readonly StoredRecord[];
  readonly #chunks: Cache;

  constructor(snapshot: RegistrationSnapshot, records: readonly StoredRecord[], chunks: Cache) {
    super();
    this.id = snapshot.id;
    this.uploadTotal = snapshot.uploadTotal;
    this.uploaded = snapshot.uploaded;
    this.downloadTotal = snapshot.downloadTotal;
    this.downloaded = snapshot.downloaded;
    this.result = snapshot.result;
    this.failureReason = snapshot.failureReason;
    this.#records = records;
    this.#chunks = chunks;
  }

  get recordsAvailable(): boolean {
    return this.#available;
  }

  /** The handler is done: the fallback may now remove the chunks. */
  close() {
    this.#available = false;
  }

  /** The job is settled before it reaches the service worker: there is nothing left to abort. */
  async abort(): Promise<boolean> {
    return false;
  }

  async match(request: RequestInfo | URL, options?: CacheQueryOptions) {
    return (await this.matchAll(request, options))[0];
  }

  async matchAll(request?: RequestInfo | URL, options?: CacheQueryOptions): Promise<BackgroundFetchRecord[]> {
    if (!this.#available) {
      throw new DOMException(
        `bgfetch: the records of "${this.id}" are no longer available: its handler has finished (copy them in waitUntil)`,
        'InvalidStateError',
      );
    }
    const query =
      request === undefined ? undefined : request instanceof Request ? request : new Request(request);
    return this.#records
      .filter((record) => query === undefined || requestMatches(query, record.request, options))
      .map((record) => this.#record(record));
  }

  #record(stored: StoredRecord): BackgroundFetchRecord {
    const chunks = this.#chunks;
    let ready: Promise<Response> | undefined;
    return {
      request: openStoredRequest(stored.request, chunks),
      // Made when first read, so a record nobody asks for opens nothing (and leaves no unhandled rejection).
      get responseReady() {
        ready ??=
          stored.response?.complete === true
            ? Promise.resolve(openStoredResponse(stored.response, chunks))
            : Promise.reject(
                new DOMException(`bgfetch: ${stored.request.url} has no complete response`, 'AbortError'),
              );
        return ready;
      },
    };
  }
}
