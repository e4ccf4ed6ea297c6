/**
 * What the engines know of the app's service worker. The app may give a registration, or a promise of one
 * (`navigator.serviceWorker.ready`) that settles late or never: on a page no worker is registered for, `ready`
 * never resolves. So nothing waits on the promise: engines read the registration known now, and hear when it
 * arrives.
 */
export interface ServiceWorkerWatch {
  /** The registration known now; `undefined` while none is (none given, not arrived yet, or it failed). */
  current(): ServiceWorkerRegistration | undefined;
  /**
   * Resolves once it is known whether this page has a service worker now: at once for a registration given, else
   * when the promise settles or the browser says which registration the page has, whichever is first. Never waits
   * for a worker that is not there.
   */
  readonly settled: Promise<void>;
  /** Calls `listener` with each registration that becomes known from now on; returns the unsubscribe. */
  subscribe(listener: (registration: ServiceWorkerRegistration) => void): () => void;
}

export type ServiceWorkerSource =
  | ServiceWorkerRegistration
  | PromiseLike<ServiceWorkerRegistration>
  | undefined;

export function watchServiceWorker(source: ServiceWorkerSource): ServiceWorkerWatch {
  let current: ServiceWorkerRegistration | undefined;
  /** Set once the app's own source answered: it outranks what the browser was asked. */
  let fromSource = false;
  const listeners = new Set<(registration: ServiceWorkerRegistration) => void>();
  const learn = (registration: ServiceWorkerRegistration, own: boolean) => {
    if (fromSource || registration === current) return;
    fromSource = own;
    current = registration;
    for (const listener of [...listeners]) listener(registration);
  };

  let settled: Promise<void>;
  if (source === undefined) {
    settled = Promise.resolve();
  } else if (!isPromiseLike(source)) {
    learn(source, true);
    settled = Promise.resolve();
  } else {
    const given = Promise.resolve(source).then(
      (registration) => learn(registration, true),
      () => {},
    );
    // The page's registration with an active worker is the one `ready` resolves with: taken now, so a fetch right
    // after `settled` can use it; the promise's own answer replaces it when it comes.
    const found = activeRegistrationOfPage().then((registration) => {
      if (registration !== undefined) learn(registration, false);
    });
    settled = Promise.race([given, found]);
  }

  return {
    current: () => current,
    settled,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function isPromiseLike(value: object): value is PromiseLike<ServiceWorkerRegistration> {
  return typeof (value as { then?: unknown }).then === 'function';
}

/** Asks the browser (no waiting for one to come); `undefined` where there are no service workers or none is active. */
async function activeRegistrationOfPage(): Promise<ServiceWorkerRegistration | undefined> {
  try {
    const registration = await globalThis.navigator?.serviceWorker?.getRegistration();
    return registration?.active ? registration : undefined;
  } catch {
    // An opaque origin or a document without service workers rejects: there is none.
    return undefined;
  }
}
