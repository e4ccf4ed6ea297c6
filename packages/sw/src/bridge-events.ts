import type {
  BackgroundFetchEvent as BackgroundFetchEventShape,
  BackgroundFetchRegistration,
  BackgroundFetchUIOptions,
  BackgroundFetchUpdateUIEvent as BackgroundFetchUpdateUIEventShape,
} from '@bgfetch/core';

/** The spec's `BackgroundFetchEventInit`. */
export interface BackgroundFetchEventInit extends ExtendableEventInit {
  registration: BackgroundFetchRegistration;
}

/**
 * How long an event the bridge dispatches stays active: while it is being dispatched, and while a promise given to
 * its `waitUntil` is pending (the platform's rule). A script-made `ExtendableEvent` is untrusted and the platform's
 * own `waitUntil` throws on it, so the kit's event classes keep this themselves.
 */
class Lifetime {
  dispatching = true;
  pending = 0;
  readonly rejected: unknown[] = [];
  #settle: (() => void) | undefined;

  active(): boolean {
    return this.dispatching || this.pending > 0;
  }

  extend(promise: Promise<unknown>) {
    this.pending++;
    Promise.resolve(promise)
      .catch((error: unknown) => {
        this.rejected.push(error);
      })
      // As the platform does: the count drops a microtask after the promise settles, so a reaction to it may still
      // extend the event.
      .then(() =>
        queueMicrotask(() => {
          this.pending--;
          this.#check();
        }),
      );
  }

  /** Ends the dispatch; resolves with the rejections once every `waitUntil` promise has settled. */
  finish(): Promise<unknown[]> {
    this.dispatching = false;
    const finished = new Promise<void>((resolve) => {
      this.#settle = resolve;
    });
    this.#check();
    return finished.then(() => this.rejected);
  }

  #check() {
    if (!this.active()) this.#settle?.();
  }
}

const lifetimes = new WeakMap<Event, Lifetime>();

export interface BackgroundFetchEventClasses {
  BackgroundFetchEvent: new (type: string, init: BackgroundFetchEventInit) => BackgroundFetchEventShape;
  BackgroundFetchUpdateUIEvent: new (
    type: string,
    init: BackgroundFetchEventInit,
  ) => BackgroundFetchUpdateUIEventShape;
}

let classes: BackgroundFetchEventClasses | undefined;

/**
 * The spec's `BackgroundFetchEvent` and `BackgroundFetchUpdateUIEvent`, the bridge's events and (where the browser
 * has none) the polyfill's globals. Made on first use: `ExtendableEvent` exists only in a service worker, and the
 * package is also imported by pages.
 */
export function backgroundFetchEventClasses(): BackgroundFetchEventClasses {
  if (classes !== undefined) return classes;

  class BackgroundFetchEvent extends ExtendableEvent implements BackgroundFetchEventShape {
    readonly #registration: BackgroundFetchRegistration;

    constructor(type: string, init: BackgroundFetchEventInit) {
      super(type, init);
      if (typeof init?.registration !== 'object' || init.registration === null) {
        throw new TypeError(`bgfetch: a ${type} event needs init.registration`);
      }
      this.#registration = init.registration;
    }

    get registration(): BackgroundFetchRegistration {
      return this.#registration;
    }

    override waitUntil(promise: Promise<unknown>): void {
      const lifetime = lifetimes.get(this);
      if (lifetime === undefined || !lifetime.active()) {
        throw new DOMException(
          `bgfetch: waitUntil on a ${this.type} event that is not active: call it in the handler, or before the promises already given to it settle`,
          'InvalidStateError',
        );
      }
      lifetime.extend(promise);
    }
  }

  class BackgroundFetchUpdateUIEvent
    extends BackgroundFetchEvent
    implements BackgroundFetchUpdateUIEventShape
  {
    #updated = false;

    async updateUI(_options?: BackgroundFetchUIOptions): Promise<void> {
      if (this.#updated) {
        throw new DOMException(
          `updateUI was already called for this ${this.type} event`,
          'InvalidStateError',
        );
      }
      if (!lifetimes.get(this)?.active()) {
        throw new DOMException(`the ${this.type} event is no longer active`, 'InvalidStateError');
      }
      // The fallback has no browser download UI: the call is recorded, and the kit's handlers pass it on to the
      // pages in their outcome.
      this.#updated = true;
    }
  }

  classes = { BackgroundFetchEvent, BackgroundFetchUpdateUIEvent };
  return classes;
}

/** An event the bridge dispatches, active from now until `finish()`'s promise resolves. */
export function createDispatchedEvent(
  type: string,
  registration: BackgroundFetchRegistration,
): { event: BackgroundFetchEventShape; finish: () => Promise<unknown[]> } {
  const { BackgroundFetchEvent, BackgroundFetchUpdateUIEvent } = backgroundFetchEventClasses();
  const withUI = type === 'backgroundfetchsuccess' || type === 'backgroundfetchfail';
  const event = withUI
    ? new BackgroundFetchUpdateUIEvent(type, { registration })
    : new BackgroundFetchEvent(type, { registration });
  const lifetime = new Lifetime();
  lifetimes.set(event, lifetime);
  return { event, finish: () => lifetime.finish() };
}
