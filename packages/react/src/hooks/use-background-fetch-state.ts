'use client';

import type { BackgroundFetchClient, BackgroundFetchState } from '@bgfetch/core';
import { useStoreWithEqualityFn } from 'zustand/traditional';
import { useBackgroundFetchClient } from '../provider/index.js';

/**
 * Reads from the client's store with a selector, through zustand's own binding: the component renders again only
 * when the selection changes (by `isEqual`, default `Object.is`; pass `shallow` from `zustand/shallow` for a
 * selector that builds a new array or object on each call). The selector may be an inline function. A server
 * render and the hydrating render read the store's initial state: no downloads, not ready.
 */
export function useBackgroundFetchState<T>(
  selector: (state: BackgroundFetchState) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
  client?: BackgroundFetchClient,
): T {
  return useStoreWithEqualityFn(useBackgroundFetchClient(client).store, selector, isEqual);
}
