/**
 * "The next change" as a promise, armed again at each change: code that waits (a paused run, a record waiting for
 * its response) awaits `next()`, the owner calls `notify()` when something changed, and every waiter wakes once.
 */
export class ChangeSignal {
  #wake: () => void = () => {};
  #next = this.#arm();

  /** Resolves at the next `notify()`. */
  next(): Promise<void> {
    return this.#next;
  }

  notify(): void {
    const wake = this.#wake;
    this.#next = this.#arm();
    wake();
  }

  #arm(): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = resolve;
    });
  }
}
