import type { FetchOptions, RegistrationSnapshot } from '@bgfetch/core';

/** What the core-native page offers its spec, as `window.coreNative`. */
export interface CoreNativeApi {
  /** Registers sw.js, waits until it controls the page, then makes a native client and awaits `ready`. */
  start(): Promise<void>;
  fetch(id: string, urls: string[], options?: FetchOptions): Promise<RegistrationSnapshot>;
  abort(id: string): Promise<boolean>;
  /** The store's snapshot of `id`, read synchronously. */
  snapshot(id: string): RegistrationSnapshot | undefined;
  /** Every value of `id`'s snapshot the store has held, oldest first, since `start()`. */
  history(id: string): RegistrationSnapshot[];
  /** The ids in the store, settled or not. */
  storeIds(): string[];
  /** The browser's own active ids (`registration.backgroundFetch.getIds()`). */
  nativeIds(): Promise<string[]>;
}

declare global {
  interface Window {
    coreNative: CoreNativeApi;
  }
}
