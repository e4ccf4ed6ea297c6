import { describe, expectTypeOf, it } from 'vitest';
import type {
  BackgroundFetchEvent,
  BackgroundFetchFailureReason,
  BackgroundFetchManager,
  BackgroundFetchOptions,
  BackgroundFetchRecord,
  BackgroundFetchRegistration,
  BackgroundFetchResult,
  BackgroundFetchServiceWorkerEventMap,
  BackgroundFetchUpdateUIEvent,
} from '../index.js';

describe('the Background Fetch types', () => {
  it('puts backgroundFetch on ServiceWorkerRegistration', () => {
    expectTypeOf<ServiceWorkerRegistration['backgroundFetch']>().toEqualTypeOf<BackgroundFetchManager>();
  });

  it('types the manager as the spec does', () => {
    expectTypeOf<BackgroundFetchManager['fetch']>()
      .parameter(1)
      .toEqualTypeOf<RequestInfo | readonly RequestInfo[]>();
    expectTypeOf<BackgroundFetchManager['fetch']>()
      .parameter(2)
      .toEqualTypeOf<BackgroundFetchOptions | undefined>();
    expectTypeOf<
      BackgroundFetchManager['fetch']
    >().returns.resolves.toEqualTypeOf<BackgroundFetchRegistration>();
    expectTypeOf<BackgroundFetchManager['get']>().returns.resolves.toEqualTypeOf<
      BackgroundFetchRegistration | undefined
    >();
    expectTypeOf<BackgroundFetchManager['getIds']>().returns.resolves.toEqualTypeOf<string[]>();
  });

  it('spells the enums as the spec does', () => {
    expectTypeOf<BackgroundFetchResult>().toEqualTypeOf<'' | 'success' | 'failure'>();
    expectTypeOf<BackgroundFetchFailureReason>().toEqualTypeOf<
      '' | 'aborted' | 'bad-status' | 'fetch-error' | 'quota-exceeded' | 'download-total-exceeded'
    >();
  });

  it('gives the registration its figures, its methods and a typed progress event', () => {
    expectTypeOf<BackgroundFetchRegistration>().toExtend<EventTarget>();
    expectTypeOf<BackgroundFetchRegistration>().toHaveProperty('downloaded').toEqualTypeOf<number>();
    expectTypeOf<BackgroundFetchRegistration>().toHaveProperty('recordsAvailable').toEqualTypeOf<boolean>();
    expectTypeOf<BackgroundFetchRegistration['abort']>().returns.resolves.toEqualTypeOf<boolean>();
    expectTypeOf<BackgroundFetchRegistration['match']>().returns.resolves.toEqualTypeOf<
      BackgroundFetchRecord | undefined
    >();
    expectTypeOf<BackgroundFetchRegistration['matchAll']>().returns.resolves.toEqualTypeOf<
      BackgroundFetchRecord[]
    >();
    expectTypeOf<BackgroundFetchRecord['responseReady']>().toEqualTypeOf<Promise<Response>>();

    const registration = {} as BackgroundFetchRegistration;
    const onProgress = (event: Event) => event;
    expectTypeOf(registration.addEventListener).toBeCallableWith('progress', onProgress);
  });

  it('types the service-worker events, updateUI only where the spec has it', () => {
    expectTypeOf<
      BackgroundFetchServiceWorkerEventMap['backgroundfetchsuccess']
    >().toEqualTypeOf<BackgroundFetchUpdateUIEvent>();
    expectTypeOf<
      BackgroundFetchServiceWorkerEventMap['backgroundfetchfail']
    >().toEqualTypeOf<BackgroundFetchUpdateUIEvent>();
    expectTypeOf<
      BackgroundFetchServiceWorkerEventMap['backgroundfetchabort']
    >().toEqualTypeOf<BackgroundFetchEvent>();
    expectTypeOf<
      BackgroundFetchServiceWorkerEventMap['backgroundfetchclick']
    >().toEqualTypeOf<BackgroundFetchEvent>();
    expectTypeOf<BackgroundFetchEvent>().not.toHaveProperty('updateUI');
    expectTypeOf<BackgroundFetchEvent>()
      .toHaveProperty('registration')
      .toEqualTypeOf<BackgroundFetchRegistration>();
    expectTypeOf<BackgroundFetchEvent['waitUntil']>().parameter(0).toEqualTypeOf<Promise<unknown>>();
  });
});
