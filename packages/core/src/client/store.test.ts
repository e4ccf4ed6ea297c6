import { describe, expect, it } from 'vitest';
import { runningSnapshot } from '../testing/fake-engine.js';
import { createBackgroundFetchStore, getInitialState, registrationsWith } from './store.js';

describe('the store', () => {
  it('starts empty, and its initial state is the same empty state a server renders', () => {
    const store = createBackgroundFetchStore();
    expect(store.getState()).toEqual({
      registrations: {},
      ready: false,
      engine: undefined,
      capabilities: {
        pause: false,
        queue: false,
        resumeAfterRestart: false,
        continuesWhenClosed: false,
        uploads: false,
        connections: false,
        networkPolicy: false,
        bandwidthCap: false,
      },
      retryable: {},
    });
    expect(store.getInitialState()).toEqual(getInitialState());
  });

  it('gives every store its own state', () => {
    const one = createBackgroundFetchStore();
    const two = createBackgroundFetchStore();
    expect(one.getState()).not.toBe(two.getState());
    expect(getInitialState()).not.toBe(getInitialState());
  });

  it('keeps every id as an own key: __proto__ is an entry, not the prototype', () => {
    const odd = runningSnapshot('fallback', '__proto__', 'Odd');
    const plain = runningSnapshot('fallback', 'constructor', 'Plain');
    const registrations = registrationsWith(registrationsWith({}, [plain]), [odd]);
    expect(Object.getPrototypeOf(registrations)).toBeNull();
    expect(Object.keys(registrations).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(registrations, '__proto__')?.value).toBe(odd);
    expect(registrations.toString).toBeUndefined();
  });
});
