import { describe, expect, it } from 'vitest';
import { watchServiceWorker } from './service-worker-watch.js';

// Registrations are only compared by identity here: plain stand-ins do.
const registration = (scope: string) => ({ scope }) as unknown as ServiceWorkerRegistration;

describe('watchServiceWorker', () => {
  it('knows a registration given as is at once', async () => {
    const given = registration('/a/');
    const watch = watchServiceWorker(given);
    expect(watch.current()).toBe(given);
    await watch.settled;
  });

  it('settles without one when none is given', async () => {
    const watch = watchServiceWorker(undefined);
    await watch.settled;
    expect(watch.current()).toBeUndefined();
  });

  it('settles without waiting for a promise that never settles (no service worker here to ask)', async () => {
    const watch = watchServiceWorker(new Promise<ServiceWorkerRegistration>(() => {}));
    await watch.settled;
    expect(watch.current()).toBeUndefined();
  });

  it('tells subscribers of a registration that arrives later', async () => {
    let arrive!: (value: ServiceWorkerRegistration) => void;
    const watch = watchServiceWorker(new Promise<ServiceWorkerRegistration>((resolve) => (arrive = resolve)));
    await watch.settled;
    const heard = new Promise<ServiceWorkerRegistration>((resolve) => watch.subscribe(resolve));
    const late = registration('/late/');
    arrive(late);
    expect(await heard).toBe(late);
    expect(watch.current()).toBe(late);
  });

  it('stays without one when the promise rejects', async () => {
    const watch = watchServiceWorker(Promise.reject(new Error('register failed')));
    await watch.settled;
    expect(watch.current()).toBeUndefined();
  });
});
