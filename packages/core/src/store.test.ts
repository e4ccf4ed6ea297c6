import { describe, expect, it } from 'vitest';
import { createBackgroundFetchStore, getInitialState } from './store.js';

describe('the store', () => {
  it('starts empty, and its initial state is the same empty state a server renders', () => {
    const store = createBackgroundFetchStore();
    expect(store.getState()).toEqual({ registrations: {} });
    expect(store.getInitialState()).toEqual(getInitialState());
  });

  it('gives every store its own state', () => {
    const one = createBackgroundFetchStore();
    const two = createBackgroundFetchStore();
    expect(one.getState()).not.toBe(two.getState());
    expect(getInitialState()).not.toBe(getInitialState());
  });
});
