'use client';

import type { DownloadsLibrary, StoredDownload } from '@bgfetch/core';
import { useDownloadsLibrary } from './use-downloads-library.js';
import { useLibraryRead } from './use-library-read.js';

const list = (library: { list(): Promise<StoredDownload[]> }) => library.list();

/**
 * Every stored download, newest first, with its bytes and state (`complete`, `partial`, `missing`); read again when a
 * fetch of the client settles or the library deletes one. `undefined` until the first answer.
 */
export function useStoredFetches(library?: DownloadsLibrary): StoredDownload[] | undefined {
  return useLibraryRead(useDownloadsLibrary(library), list);
}
