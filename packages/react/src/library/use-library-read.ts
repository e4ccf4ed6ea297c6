'use client';

import type { DownloadsLibrary } from '@bgfetch/core';
import * as React from 'react';

/**
 * `read(library)` now, and again whenever the library says its list may have changed; `undefined` until the first
 * answer (and on the server). A read that fails leaves the last answer (the error goes to the console).
 */
export function useLibraryRead<T>(
  library: DownloadsLibrary,
  read: (library: DownloadsLibrary) => Promise<T>,
): T | undefined {
  const [value, setValue] = React.useState<T>();
  const latest = React.useRef(read);
  latest.current = read;
  React.useEffect(() => {
    let current = true;
    const refresh = () => {
      latest.current(library).then(
        (next) => {
          if (current) setValue(() => next);
        },
        (error: unknown) => console.error('bgfetch: the downloads library could not be read', error),
      );
    };
    refresh();
    const unsubscribe = library.subscribe(refresh);
    return () => {
      current = false;
      unsubscribe();
    };
  }, [library]);
  return value;
}
