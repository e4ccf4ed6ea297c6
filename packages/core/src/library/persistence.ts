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

/**
 * How long `readStorageState` waits for the browser. WebKit answers on the queue that also runs the origin's
 * IndexedDB and Cache Storage work, more than 5 s late under load (docs/browsers.md): a UI showing the figures gets
 * the "nothing known" answer rather than wait for ever.
 */
export const STORAGE_STATE_WAIT_MS = 10_000;

/** What the browser says of this origin's storage now, or nothing known when it has not said within `waitMs`. */
export async function readStorageState(waitMs = STORAGE_STATE_WAIT_MS): Promise<StorageState> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<StorageState>((resolve) => {
    timer = setTimeout(() => resolve({ persisted: false, usage: undefined, quota: undefined }), waitMs);
  });
  try {
    return await Promise.race([askStorageState(), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function askStorageState(): Promise<StorageState> {
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
