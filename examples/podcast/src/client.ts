import { createBackgroundFetch, createFallbackEngine } from '@bgfetch/core';
import type { EngineChoice } from './engine-choice';

/** Registers `/sw.js` and resolves once it controls this page (so that media requests go through it). */
export async function controlledByServiceWorker(): Promise<ServiceWorkerRegistration> {
  const container = navigator.serviceWorker;
  // Listen before registering: clients.claim() may hand over control before register() resolves.
  const controlled = new Promise<void>((resolve) => {
    if (container.controller) resolve();
    else container.addEventListener('controllerchange', () => resolve(), { once: true });
  });
  const registration = await container.register('/sw.js');
  await controlled;
  const worker = container.controller;
  // Firefox hands over control (and resolves `ready`) while the worker is still activating.
  if (worker && worker.state !== 'activated') {
    await new Promise<void>((resolve) => {
      worker.addEventListener('statechange', () => worker.state === 'activated' && resolve());
    });
  }
  return registration;
}

/**
 * The kit is imported from source here (vite.aliases.ts), so Vite is pointed at the fallback worker's source; an app
 * using the published package needs no `createWorker` (the default is the package's dist/fallback/worker.js).
 */
export const createFallbackWorker = () =>
  new Worker(new URL('../../../packages/core/src/fallback/worker.ts', import.meta.url), { type: 'module' });

/** The demo's client: the chosen engine, the fallback on standby, the service worker that stores the records. */
export function createDemoClient(choice: EngineChoice) {
  const serviceWorker = controlledByServiceWorker();
  const client = createBackgroundFetch({
    engine: choice,
    serviceWorker,
    // Two downloads at once, so that a third one queues and its priority can be seen to matter.
    fallback: createFallbackEngine({ createWorker: createFallbackWorker, maxConcurrentJobs: 2 }),
  });
  // On `ready` the client has settled, by itself, the downloads that ended while no page was open.
  const started = Promise.all([serviceWorker, client.ready]);
  return { client, started };
}
