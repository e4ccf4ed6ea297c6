import { DB_NAME } from '../fallback/db.js';

let stored: Promise<boolean> | undefined;

/**
 * Whether the fallback's database exists: then pages of the origin ran fetches on it. Asked once per page (or
 * service worker), and without opening the database, which would create it.
 */
export function hasStoredFetches(): Promise<boolean> {
  stored ??= (async () => {
    const databases = (await indexedDB.databases?.()) ?? [];
    return databases.some((database) => database.name === DB_NAME);
  })().catch(() => false);
  return stored;
}
