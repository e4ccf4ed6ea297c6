'use client';

import {
  type BackgroundFetchClient,
  type BackgroundFetchClientOptions,
  createBackgroundFetch,
} from '@bgfetch/core';
import * as React from 'react';
import { LabelsProvider, type PartialLabels } from '../labels/index.js';

const BackgroundFetchContext = React.createContext<BackgroundFetchClient | undefined>(undefined);
BackgroundFetchContext.displayName = 'BackgroundFetchContext';

export type BackgroundFetchProviderProps =
  | {
      /** A client you made (and dispose) yourself, e.g. at module level or in a framework's root. */
      client: BackgroundFetchClient;
      options?: never;
      /** Texts for every component below (a translation); a component's own `labels` go over these. */
      labels?: PartialLabels;
      children?: React.ReactNode;
    }
  | {
      client?: never;
      /** Options for a client the provider makes on first render and disposes when it unmounts. */
      options?: BackgroundFetchClientOptions;
      /** Texts for every component below (a translation); a component's own `labels` go over these. */
      labels?: PartialLabels;
      children?: React.ReactNode;
    };

/**
 * Puts a background-fetch client in context for the hooks and components below. Give it a `client`, or
 * `options` to have it make one (read once, on the first render; later changes are ignored, as with TanStack
 * Query's `useState(() => new QueryClient())`).
 */
export function BackgroundFetchProvider({ client, options, labels, children }: BackgroundFetchProviderProps) {
  // StrictMode calls a state initializer twice and keeps one result: every client made is noted here, so that the
  // one React dropped (with its engines and worker) is disposed once the other is committed.
  const made = React.useRef<BackgroundFetchClient[]>([]);
  const [owned] = React.useState(() => {
    if (client) return undefined;
    const created = createBackgroundFetch(options);
    made.current.push(created);
    return created;
  });
  React.useEffect(() => {
    for (const dropped of made.current) if (dropped !== owned) dropped.dispose();
    made.current = [];
    if (owned === undefined) return;
    // Disposing is final, and StrictMode unmounts and remounts at once: a remount cancels the pending disposal.
    clearTimeout(disposals.get(owned));
    return () => {
      disposals.set(
        owned,
        setTimeout(() => owned.dispose(), 0),
      );
    };
  }, [owned]);
  return (
    <BackgroundFetchContext.Provider value={client ?? owned}>
      <LabelsProvider labels={labels}>{children}</LabelsProvider>
    </BackgroundFetchContext.Provider>
  );
}

/** Disposals of provider-made clients, waiting one task in case the provider mounts again. */
const disposals = new WeakMap<BackgroundFetchClient, ReturnType<typeof setTimeout>>();

/** The nearest `BackgroundFetchProvider`'s client, if any (for hooks that can do without one). */
export function useClientInContext(): BackgroundFetchClient | undefined {
  return React.useContext(BackgroundFetchContext);
}

/**
 * The client to use: `client` when given, else the nearest `BackgroundFetchProvider`'s.
 * @throws when there is neither.
 */
export function useBackgroundFetchClient(client?: BackgroundFetchClient): BackgroundFetchClient {
  const fromContext = useClientInContext();
  const resolved = client ?? fromContext;
  if (resolved === undefined) {
    throw new Error(
      'bgfetch: no client. Wrap the tree in <BackgroundFetchProvider> or pass a client to the hook or component.',
    );
  }
  return resolved;
}
