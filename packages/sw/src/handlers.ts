import {
  type BackgroundFetchEvent,
  type BackgroundFetchRegistration,
  type BackgroundFetchUpdateUIEvent,
  DEFAULT_RECORDS_CACHE,
} from '@bgfetch/core';
import {
  type BackgroundFetchOutcome,
  createOutcome,
  type RecordOutcome,
  readStoredFetch,
  verdictOf,
  writeOutcome,
} from '@bgfetch/core/internal';
import { engineOf, installBackgroundFetchBridge } from './bridge.js';
import { BridgeRegistration } from './bridge-registration.js';
import { notifyClients } from './outcome.js';
import { saveRecords } from './save-records.js';
import { serviceWorkerScope } from './scope.js';
import { uiOf, updateUI } from './update-ui.js';

export interface HandleBackgroundFetchOptions {
  /** Where records are stored; default `DEFAULT_RECORDS_CACHE` (`'bgfetch:records'`). */
  cacheName?: string;
  /** The fetch's name in the download UI's titles; default the title it was started with (else its id). */
  label?: (registration: BackgroundFetchRegistration) => string;
  /**
   * Runs after the records are stored and verified, instead of the default `updateUI` ("<label> is ready", or what
   * failed when a record did not verify). It may call `updateUI(event, …)` itself; what it returns is awaited
   * inside `waitUntil`. Pages are told the outcome after it, even if it throws.
   */
  onSuccess?: (event: BackgroundFetchUpdateUIEvent, outcome: BackgroundFetchOutcome) => unknown;
  /** The same for a failed fetch (default `updateUI`: "<label> failed: <what>"); the records that arrived are kept. */
  onFail?: (event: BackgroundFetchUpdateUIEvent, outcome: BackgroundFetchOutcome) => unknown;
  /** Runs after an abort is recorded (nothing of the fetch is kept). */
  onAbort?: (event: BackgroundFetchEvent, outcome: BackgroundFetchOutcome) => unknown;
  /** Replaces the default click handling (focus an open window of the app, else open `clickUrl`). */
  onClick?: (event: BackgroundFetchEvent) => unknown;
  /** What a click opens when no window of the app is open; default the service worker's scope. */
  clickUrl?: string | ((registration: BackgroundFetchRegistration) => string);
  /** Also dispatch the fallback engine's jobs (`installBackgroundFetchBridge`); default `true`. */
  bridge?: boolean;
}

/**
 * Wires the four Background Fetch events of this service worker with the kit's handlers; returns a function that
 * removes them. Call it once, at the top level of the service worker script (listeners added later miss events).
 *
 * - success: every record is streamed into `cacheName` and verified inside `waitUntil`, then `updateUI`;
 * - fail: the records that arrived whole are kept, the others named in the outcome, then `updateUI` says what failed;
 * - abort: nothing of the fetch is stored, the abort is recorded;
 * - click: focuses an open window of the app, or opens `clickUrl`;
 * - after success, fail and abort, the outcome is kept in the fetch's index entry and every page is told
 *   (`BroadcastChannel` `OUTCOME_CHANNEL_NAME` + `postMessage`): core's store settles on it.
 */
export function handleBackgroundFetch(options: HandleBackgroundFetchOptions = {}): () => void {
  const scope = serviceWorkerScope();
  const cacheName = options.cacheName ?? DEFAULT_RECORDS_CACHE;

  const onSuccess = (event: BackgroundFetchUpdateUIEvent) =>
    event.waitUntil(
      settle(event, 'success', cacheName, options.label, async (outcome, label) => {
        if (options.onSuccess) return options.onSuccess(event, outcome);
        const title =
          outcome.registration.result === 'success'
            ? `${label} is ready`
            : failedTitle(label, outcome.records);
        await defaultUI(event, title);
      }),
    );
  const onFail = (event: BackgroundFetchUpdateUIEvent) =>
    event.waitUntil(
      settle(event, 'fail', cacheName, options.label, async (outcome, label) => {
        if (options.onFail) return options.onFail(event, outcome);
        await defaultUI(event, failedTitle(label, outcome.records));
      }),
    );
  const onAbort = (event: BackgroundFetchEvent) =>
    event.waitUntil(
      settle(event, 'abort', cacheName, options.label, (outcome) => options.onAbort?.(event, outcome)),
    );
  const onClick = (event: BackgroundFetchEvent) =>
    event.waitUntil(
      Promise.resolve(options.onClick ? options.onClick(event) : focusOrOpen(scope, event, options.clickUrl)),
    );

  scope.addEventListener('backgroundfetchsuccess', onSuccess);
  scope.addEventListener('backgroundfetchfail', onFail);
  scope.addEventListener('backgroundfetchabort', onAbort);
  scope.addEventListener('backgroundfetchclick', onClick);
  const removeBridge = options.bridge === false ? () => {} : installBackgroundFetchBridge();
  return () => {
    scope.removeEventListener('backgroundfetchsuccess', onSuccess);
    scope.removeEventListener('backgroundfetchfail', onFail);
    scope.removeEventListener('backgroundfetchabort', onAbort);
    scope.removeEventListener('backgroundfetchclick', onClick);
    removeBridge();
  };
}

/** Stores (success, fail), decides, runs the UI step, then keeps and announces the outcome whatever happened. */
async function settle(
  event: BackgroundFetchEvent,
  kind: 'success' | 'fail' | 'abort',
  cacheName: string,
  labelOf: HandleBackgroundFetchOptions['label'],
  then: (outcome: BackgroundFetchOutcome, label: string) => unknown,
): Promise<void> {
  const { registration } = event;
  const cache = await caches.open(cacheName);
  const label = labelOf?.(registration) ?? (await titleOf(registration, cache));
  const records = kind === 'abort' ? [] : await saveRecords(registration, cache);
  const verdict = verdictOf(kind, registration.failureReason, records);
  const outcome = createOutcome(registration, engineOf(event), verdict, records, cacheName);
  try {
    await then(outcome, label);
  } finally {
    const ui = uiOf(event);
    if (ui !== undefined) outcome.ui = ui;
    // The records it lists stay as landing left them (an abort stores nothing: earlier ones stay listed).
    await writeOutcome(cache, outcome);
    await notifyClients(outcome);
  }
}

/** The title a fetch was started with: the bridge's registration has it, a native fetch's is in its index entry. */
async function titleOf(registration: BackgroundFetchRegistration, cache: Cache): Promise<string> {
  const bridged = registration instanceof BridgeRegistration ? registration.title : '';
  return bridged || (await readStoredFetch(cache, registration.id))?.title || registration.id;
}

/** The default UI step: a refused `updateUI` (e.g. a browser without a download UI) must not fail the handler. */
async function defaultUI(event: BackgroundFetchUpdateUIEvent, title: string) {
  try {
    await updateUI(event, { title });
  } catch (error) {
    console.warn(`bgfetch: updateUI for "${event.registration.id}" failed`, error);
  }
}

function failedTitle(label: string, records: readonly RecordOutcome[]): string {
  const failed = records.filter((record) => record.problem !== undefined);
  if (failed.length === 0) return `${label} failed`;
  const names = failed.map((record) => `${fileName(record.url)} (${describeProblem(record)})`);
  return `${label} failed: ${names.join(', ')}`;
}

function describeProblem(record: RecordOutcome): string {
  if (record.problem === 'bad-status') return `HTTP ${record.status}`;
  return record.problem?.replace(/-/g, ' ') ?? '';
}

function fileName(url: string): string {
  const path = new URL(url).pathname;
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || url;
}

async function focusOrOpen(
  scope: ServiceWorkerGlobalScope,
  event: BackgroundFetchEvent,
  clickUrl: HandleBackgroundFetchOptions['clickUrl'],
): Promise<void> {
  const base = scope.registration.scope;
  const windows = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((client) => client.url.startsWith(base));
  try {
    if (open) {
      await open.focus();
      return;
    }
    const target = typeof clickUrl === 'function' ? clickUrl(event.registration) : (clickUrl ?? base);
    await scope.clients.openWindow(new URL(target, base).href);
  } catch (error) {
    // Focus and openWindow need the click's user activation; without it the browser refuses: nothing to undo.
    console.warn(`bgfetch: could not show the app for the click on "${event.registration.id}"`, error);
  }
}
