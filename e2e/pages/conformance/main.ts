import type { BackgroundFetchManager, BackgroundFetchRegistration } from '@bgfetch/core';
import { installBackgroundFetchPolyfill } from '@bgfetch/core';
import { controlledBy } from '../shared/controlled';
import {
  type ConformanceApi,
  type Fields,
  modeFrom,
  SW_EVENTS_CACHE,
  type SwEventReport,
  type SwLookup,
  type SwLookupRequest,
} from './api';
import { fieldsOf, outcomeOf, summarise, summariseAll, toRequestInfo } from './records';

const mode = modeFrom(location.search);

// `?csp=<policy>`: the page's Content-Security-Policy (conformance rule 2: a fetch its connect-src forbids).
const csp = new URLSearchParams(location.search).get('csp');
if (csp !== null) {
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = csp;
  document.head.prepend(meta);
}

interface Kept {
  registration: BackgroundFetchRegistration;
  events: Fields[];
  onprogress: number;
}
const kept = new Map<string, Kept>();
let registration: ServiceWorkerRegistration | undefined;

function manager(): BackgroundFetchManager {
  if (registration === undefined) throw new Error('call conformance.start() first');
  return registration.backgroundFetch;
}

function keep(id: string, found: BackgroundFetchRegistration): void {
  const entry: Kept = { registration: found, events: [], onprogress: 0 };
  found.addEventListener('progress', () => entry.events.push(fieldsOf(found)));
  found.onprogress = () => {
    entry.onprogress += 1;
  };
  kept.set(id, entry);
}

function keptRegistration(id: string): BackgroundFetchRegistration {
  const entry = kept.get(id);
  if (entry === undefined) throw new Error(`conformance: no registration kept for ${id}`);
  return entry.registration;
}

/** As docs/browsers.md says to run the fallback in Chromium: the native API gone from the page before the install. */
function removeNativeApi(): void {
  for (const name of ['BackgroundFetchManager', 'BackgroundFetchRegistration', 'BackgroundFetchRecord']) {
    Reflect.deleteProperty(globalThis, name);
  }
  Reflect.deleteProperty(ServiceWorkerRegistration.prototype, 'backgroundFetch');
}

const api: ConformanceApi = {
  mode,
  async start({ fallback } = {}) {
    let installed: string | null = null;
    if (mode === 'polyfill') {
      removeNativeApi();
      installed = installBackgroundFetchPolyfill(fallback === undefined ? {} : { fallback }).installed;
    }
    registration = await controlledBy(`./sw.js?mode=${mode}`);
    return { installed };
  },
  async fetch(id, requests, options) {
    const started = await manager().fetch(id, requests.map(toRequestInfo), options);
    keep(id, started);
    return fieldsOf(started);
  },
  async get(id) {
    const found = await manager().get(id);
    if (found === undefined) return null;
    const known = kept.get(id)?.registration;
    if (known === undefined) keep(id, found);
    return { fields: fieldsOf(found), sameInstance: known === undefined ? null : known === found };
  },
  getIds: () => manager().getIds(),
  fields: (id) => {
    const entry = kept.get(id);
    return entry === undefined ? null : fieldsOf(entry.registration);
  },
  progress: (id) => {
    const entry = kept.get(id);
    return { events: entry?.events ?? [], onprogress: entry?.onprogress ?? 0 };
  },
  abort: (id) => keptRegistration(id).abort(),
  async match(id, request, options, read = true) {
    const record = await keptRegistration(id).match(toRequestInfo(request), options);
    return record === undefined ? null : summarise(record, read);
  },
  async matchAll(id, request, options, read = true) {
    const found = keptRegistration(id);
    const records =
      request === undefined ? await found.matchAll() : await found.matchAll(toRequestInfo(request), options);
    return summariseAll(records, read);
  },
  async withoutActiveWorker() {
    const held = await navigator.serviceWorker.register(`./sw.js?mode=${mode}&hold=1`, { scope: './held/' });
    const url = new URL('/files/unused.bin?size=1', location.href).href;
    const found = await held.backgroundFetch.get('none');
    return {
      active: held.active !== null,
      fetch: await outcomeOf(() => held.backgroundFetch.fetch('held', [url])),
      get: String(found),
      getIds: await held.backgroundFetch.getIds(),
    };
  },
  swLookup(id, abort = false) {
    const controller = navigator.serviceWorker.controller;
    if (controller === null) throw new Error('conformance: no service worker controls the page');
    const channel = new MessageChannel();
    const answer = new Promise<SwLookup>((resolve) => {
      channel.port1.onmessage = (event: MessageEvent<SwLookup>) => resolve(event.data);
    });
    controller.postMessage({ type: 'conformance:lookup', id, abort } satisfies SwLookupRequest, [
      channel.port2,
    ]);
    return answer;
  },
  async swEvents() {
    if (!(await caches.has(SW_EVENTS_CACHE))) return [];
    const cache = await caches.open(SW_EVENTS_CACHE);
    const reports = await Promise.all(
      (await cache.keys()).map(async (key) => (await (await cache.match(key))!.json()) as SwEventReport),
    );
    return reports.sort((a, b) => a.at - b.at);
  },
};

window.conformance = api;
