/**
 * Persistent storage (the Storage API): a persisted origin's storage is evicted only by the user, not by the browser
 * under storage pressure. Where the browser lacks a call (old WebKit, a server render) the answer is the
 * conservative one: not persisted, nothing known.
 */

export interface StorageState {
  /** `navigator.storage.persisted()`; `false` where the browser cannot tell. */
  persisted: boolean;
  /** Bytes this origin uses, by `navigator.storage.estimate()`; `undefined` where the browser gives no estimate. */
  usage: number | undefined;
  /** Bytes this origin may use; `undefined` where the browser gives no estimate. */
  quota: number | undefined;
}

export async function readStorageState(): Promise<StorageState> {
  const storage = globalThis.navigator?.storage;
  const [persisted, estimate] = await Promise.all([
    storage?.persisted ? storage.persisted() : false,
    storage?.estimate ? storage.estimate() : undefined,
  ]);
  return { persisted, usage: estimate?.usage, quota: estimate?.quota };
}

/**
 * Asks the browser to persist this origin's storage (`navigator.storage.persist()`); resolves `true` when it is
 * persisted. Chromium decides by itself; Firefox may ask the user, so this can take as long as the user does.
 */
export async function requestPersistence(): Promise<boolean> {
  const storage = globalThis.navigator?.storage;
  if (storage?.persist === undefined) return false;
  if (await storage.persisted()) return true;
  return storage.persist();
}
