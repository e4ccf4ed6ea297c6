/**
 * Registers a test page's service worker and resolves once it controls the page and is `activated`. Shared by every
 * test page (a folder without index.html is no page of its own).
 */
export async function controlledBy(script = './sw.js'): Promise<ServiceWorkerRegistration> {
  const container = navigator.serviceWorker;
  // Listen before registering: clients.claim() may hand over control before register() resolves.
  const controlled = new Promise<void>((resolve) => {
    if (container.controller) resolve();
    else container.addEventListener('controllerchange', () => resolve(), { once: true });
  });
  const registration = await container.register(script);
  await controlled;
  const worker = container.controller!;
  // Firefox hands over control (and resolves `ready`) while the worker is still activating.
  if (worker.state !== 'activated') {
    await new Promise<void>((resolve) => {
      worker.addEventListener('statechange', () => worker.state === 'activated' && resolve());
    });
  }
  return registration;
}
