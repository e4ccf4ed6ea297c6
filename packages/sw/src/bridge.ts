import type { BackgroundFetchEvent, EngineKind } from '@bgfetch/core';
import {
  type BridgeDispatchAnswer,
  type BridgeDispatchDone,
  type BridgeDispatchMessage,
  claimFallbackDispatch,
  describeError,
  FALLBACK_CHUNK_CACHE,
  isBridgeDispatchMessage,
} from '@bgfetch/core/internal';
import { createDispatchedEvent } from './bridge-events.js';
import { BridgeRegistration } from './bridge-registration.js';
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
      event.waitUntil(dispatchOnce(scope, event.data, port));
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

/** The runs this service worker is dispatching now, by token: the ports of every page waiting for each. */
const running = new Map<string, Set<MessagePort>>();

/**
 * Dispatches a run's event once (docs/architecture.md, "Hand-off"): a message for a run being dispatched joins it;
 * otherwise the run is claimed in the job's IndexedDB record before anything reads its bytes, and dispatched only
 * when this claim took it. Every waiting page hears a claim at once and every `leaseMs / 3` until the end: it keeps
 * the bytes meanwhile.
 */
async function dispatchOnce(
  scope: ServiceWorkerGlobalScope,
  message: BridgeDispatchMessage,
  port: MessagePort,
) {
  const claimed = { type: 'bgfetch:claimed' } satisfies BridgeDispatchAnswer;
  const joined = running.get(message.token);
  if (joined !== undefined) {
    joined.add(port);
    port.postMessage(claimed);
    return;
  }
  const ports = new Set([port]);
  running.set(message.token, ports);
  const tell = (answer: BridgeDispatchAnswer) => {
    for (const waiting of ports) waiting.postMessage(answer);
  };
  let lease: ReturnType<typeof setInterval> | undefined;
  try {
    const claim = await claimFallbackDispatch(message.registration.id, message.token);
    if (claim !== 'claimed' && claim !== 'none') {
      tell({ type: 'bgfetch:dispatched', ok: false, error: notDispatched(claim) });
      return;
    }
    tell(claimed);
    lease = setInterval(() => tell(claimed), Math.max(1, Math.floor(message.leaseMs / 3)));
    tell(await dispatch(scope, message));
  } finally {
    clearInterval(lease);
    running.delete(message.token);
  }
}

function notDispatched(claim: 'worker' | 'page' | 'other-run'): string {
  if (claim === 'worker') return 'this run was dispatched before (the tab that sent it closed)';
  if (claim === 'page') return 'the page stores this run itself (no claim came in time)';
  return 'this run is over (its id is being fetched again)';
}

async function dispatch(
  scope: ServiceWorkerGlobalScope,
  message: BridgeDispatchMessage,
): Promise<BridgeDispatchDone> {
  try {
    const chunks = await caches.open(FALLBACK_CHUNK_CACHE);
    const registration = new BridgeRegistration(
      { ...message.registration, token: message.token },
      message.records,
      chunks,
    );
    const { event, finish } = createDispatchedEvent(message.event, registration);
    bridgeEvents.add(event);
    const thrown: unknown[] = [];
    const onError = (error: ErrorEvent) => thrown.push(error.error ?? error.message);
    scope.addEventListener('error', onError);
    try {
      scope.dispatchEvent(event);
      callHandlerAttribute(scope, event);
    } finally {
      scope.removeEventListener('error', onError);
    }
    const rejected = await finish();
    registration.close();
    const errors = [...thrown, ...rejected];
    return errors.length === 0
      ? { type: 'bgfetch:dispatched', ok: true }
      : { type: 'bgfetch:dispatched', ok: false, error: errors.map(describeError).join('; ') };
  } catch (error) {
    return { type: 'bgfetch:dispatched', ok: false, error: describeError(error) };
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
