/**
 * `@bgfetch/react/library`: the downloads a user keeps — hooks over core's `createDownloadsLibrary` and the
 * `StoredFetchList` component — in their own entry, so an app that only downloads ships none of it.
 */
export type { StoredFetchListProps } from './stored-fetch-list.js';
export { StoredFetchList } from './stored-fetch-list.js';
export { useDownloadsLibrary } from './use-downloads-library.js';
export type { StorageEstimate } from './use-storage-estimate.js';
export { useStorageEstimate } from './use-storage-estimate.js';
export { useStoredFetches } from './use-stored-fetches.js';
export type { StoredResponse } from './use-stored-response.js';
export { useStoredResponse } from './use-stored-response.js';
