'use client';

import type { DownloadsLibrary } from '@bgfetch/core';
import * as React from 'react';
import { useDownloadsLibrary } from './use-downloads-library.js';

export interface StoredResponse {
  response: Response;
  /** An object URL of the body, for `src` or `href`; revoked when the component unmounts or the record changes. */
  url: string;
}

/**
 * A stored record of the download `id` (the one for `url`, else its first) as a `Response` and an object URL;
 * `undefined` while it is read or when nothing is stored. For media that must seek while offline, prefer the
 * record's own URL served by `@bgfetch/sw`'s `serveStoredFetches()`.
 */
export function useStoredResponse(
  id: string,
  url?: string,
  given?: DownloadsLibrary,
): StoredResponse | undefined {
  const library = useDownloadsLibrary(given);
  const [stored, setStored] = React.useState<StoredResponse>();
  React.useEffect(() => {
    let current = true;
    let objectUrl: string | undefined;
    const read = async () => {
      const response = await library.open(id, url);
      if (!current) return;
      if (response === undefined) {
        if (objectUrl !== undefined) URL.revokeObjectURL(objectUrl);
        objectUrl = undefined;
        return setStored(undefined);
      }
      const body = await response.clone().blob();
      if (!current) return;
      if (objectUrl !== undefined) URL.revokeObjectURL(objectUrl);
      objectUrl = URL.createObjectURL(body);
      setStored({ response, url: objectUrl });
    };
    read().catch((error: unknown) => console.error(`bgfetch: the stored "${id}" could not be opened`, error));
    const unsubscribe = library.subscribe(() => void read());
    return () => {
      current = false;
      unsubscribe();
      if (objectUrl !== undefined) URL.revokeObjectURL(objectUrl);
    };
  }, [library, id, url]);
  return stored;
}
