import type { StoredDownload } from '../library/download-state.js';
import type { DownloadsLibrary } from '../library/library.js';
import { snapshot } from './snapshots.js';

/**
 * A downloads library over a plain list, for components and stories built on it: `delete` removes from the list
 * and tells subscribers, `redownload` marks the download `complete` at once (or rejects with `redownloadError`),
 * `storage` answers `storage`. It models no browser storage: that is tested in real browsers (e2e/).
 */
export function memoryLibrary(
  initial: readonly StoredDownload[],
  options: {
    storage?: { persisted: boolean; usage?: number; quota?: number };
    redownloadError?: Error;
    /** What `open(id)` answers, by id (its first record). */
    bodies?: Record<string, BodyInit>;
  } = {},
): DownloadsLibrary {
  let downloads = [...initial];
  let storage = { persisted: false, usage: undefined, quota: undefined, ...options.storage };
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of [...listeners]) listener();
  };
  return {
    list: async () => downloads,
    open: async (id) => {
      const body = options.bodies?.[id];
      return body === undefined || !downloads.some((item) => item.id === id) ? undefined : new Response(body);
    },
    async delete(id) {
      const before = downloads.length;
      downloads = downloads.filter((item) => item.id !== id);
      changed();
      return downloads.length < before;
    },
    bytesUsed: async () => downloads.reduce((sum, item) => sum + item.bytes, 0),
    async redownload(id) {
      if (options.redownloadError) throw options.redownloadError;
      downloads = downloads.map((item) => (item.id === id ? { ...item, state: 'complete' } : item));
      changed();
      return snapshot({ id, status: 'pending' });
    },
    storage: async () => storage,
    async requestPersistence() {
      storage = { ...storage, persisted: true };
      changed();
      return true;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
