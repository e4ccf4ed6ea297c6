'use client';

import type { DownloadsLibrary, StorageState } from '@bgfetch/core';
import * as React from 'react';
import { useDownloadsLibrary } from './use-downloads-library.js';
import { useLibraryRead } from './use-library-read.js';

export interface StorageEstimate extends Partial<StorageState> {
  /** `navigator.storage.persist()`; resolves `true` when the origin's storage is persisted (the estimate reads again). */
  requestPersistence(): Promise<boolean>;
}

const storage = (library: DownloadsLibrary) => library.storage();

/**
 * The origin's storage as the browser tells it — `persisted`, `usage`, `quota` (`undefined` until known, or where
 * the browser gives no estimate) — read again as downloads come and go or persistence is asked for, and the way to
 * ask for it.
 */
export function useStorageEstimate(given?: DownloadsLibrary): StorageEstimate {
  const library = useDownloadsLibrary(given);
  const state = useLibraryRead(library, storage);
  return React.useMemo(
    () => ({ ...state, requestPersistence: () => library.requestPersistence() }),
    [state, library],
  );
}
