'use client';

import { type BackgroundFetchClient, type BackgroundFetchState, getInitialState } from '@bgfetch/core';
import * as React from 'react';
import { useBackgroundFetchClient } from '../provider/index.js';

/** What a server render and the hydrating render see: no downloads (engines rehydrate in the browser). */
const SERVER_STATE: BackgroundFetchState = getInitialState();

type Selection<T> = { hasValue: false } | { hasValue: true; value: T };

/**
 * Memoizes `selector` over states: the same state gives the same answer without calling it again, and an answer
 * `isEqual` to the previous one is replaced by the previous one, so `useSyncExternalStore` sees no change.
 */
function memoizeSelector<T>(
  selector: (state: BackgroundFetchState) => T,
  isEqual: (a: T, b: T) => boolean,
  committed: Selection<T>,
) {
  let last: { state: BackgroundFetchState; value: T } | undefined;
  return (state: BackgroundFetchState): T => {
    if (last !== undefined && Object.is(last.state, state)) return last.value;
    const next = selector(state);
    const previous = last ?? (committed.hasValue ? { value: committed.value } : undefined);
    const value = previous !== undefined && isEqual(previous.value, next) ? previous.value : next;
    last = { state, value };
    return value;
  };
}

/**
 * Reads from the client's store with a selector, like zustand's `useStoreWithEqualityFn`: the component renders
 * again only when the selection changes (by `isEqual`, default `Object.is`). The selector may be an inline
 * function. A server render and the hydrating render read the empty initial state.
 */
export function useBackgroundFetchState<T>(
  selector: (state: BackgroundFetchState) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
  client?: BackgroundFetchClient,
): T {
  const { store } = useBackgroundFetchClient(client);
  const committed = React.useRef<Selection<T>>({ hasValue: false });
  const [getSelection, getServerSelection] = React.useMemo(() => {
    const select = memoizeSelector(selector, isEqual, committed.current);
    const selectOnServer = memoizeSelector(selector, isEqual, committed.current);
    return [() => select(store.getState()), () => selectOnServer(SERVER_STATE)];
  }, [store, selector, isEqual]);
  const value = React.useSyncExternalStore(store.subscribe, getSelection, getServerSelection);
  React.useEffect(() => {
    committed.current = { hasValue: true, value };
  }, [value]);
  return value;
}

/** Equality of two arrays by their items (`Object.is`), for selectors that build a new array on each call. */
export function shallowEqualArrays<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => Object.is(item, b[index]));
}
