'use client';

import type { DownloadsLibrary, StorageState } from '@bgfetch/core';
import * as React from 'react';
import { useDownloadsLibrary } from './use-downloads-library.js';

export interface StorageEstimate extends Partial<StorageState> {
  /** `navigator.storage.persist()`; resolves `true` when the origin's storage is persisted, then reads again. */
  requestPersistence(): Promise<boolean>;
}

/**
 * The origin's storage as the browser tells it — `persisted`, `usage`, `quota` (`undefined` until known, or where
 * the browser gives no estimate) — read again as downloads come and go, and a way to ask for persistence.
 */
export function useStorageEstimate(given?: DownloadsLibrary): StorageEstimate {
  const library = useDownloadsLibrary(given);
  const [state, setState] = React.useState<StorageState>();
  const refresh = React.useCallback(
    () =>
      library.storage().then(setState, (error: unknown) => {
        console.error('bgfetch: the storage estimate could not be read', error);
      }),
    [library],
  );
  React.useEffect(() => {
    void refresh();
    return library.subscribe(() => void refresh());
  }, [library, refresh]);
  const requestPersistence = React.useCallback(async () => {
    const persisted = await library.requestPersistence();
    await refresh();
    return persisted;
  }, [library, refresh]);
  return React.useMemo(() => ({ ...state, requestPersistence }), [state, requestPersistence]);
}
