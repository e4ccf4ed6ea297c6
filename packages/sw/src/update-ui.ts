import type {
  BackgroundFetchEvent,
  BackgroundFetchUIOptions,
  BackgroundFetchUpdateUIEvent,
} from '@bgfetch/core';

const updated = new WeakMap<object, BackgroundFetchUIOptions>();

/**
 * `event.updateUI(options)` with the spec's rules made plain: it works once per event, and only while the event is
 * active (in the handler, or before the promises given to `waitUntil` have settled). A second call, a late call, or
 * a call on an event that has no `updateUI` (abort, click) rejects with a `DOMException` named `InvalidStateError`
 * (a `TypeError` for the last) whose message says which rule was broken. Same on both engines.
 */
export async function updateUI(
  event: BackgroundFetchEvent | BackgroundFetchUpdateUIEvent,
  options: BackgroundFetchUIOptions = {},
): Promise<void> {
  const id = event.registration.id;
  if (!('updateUI' in event) || typeof event.updateUI !== 'function') {
    throw new TypeError(
      `bgfetch: ${event.type} events have no updateUI (only backgroundfetchsuccess and backgroundfetchfail do)`,
    );
  }
  if (updated.has(event)) {
    throw new DOMException(
      `bgfetch: updateUI was already called for this ${event.type} event of "${id}": it works once per event`,
      'InvalidStateError',
    );
  }
  updated.set(event, options);
  try {
    await event.updateUI(options);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'InvalidStateError') {
      throw new DOMException(
        `bgfetch: updateUI for "${id}" was refused: the ${event.type} event is no longer active (call it in the handler or before the promise given to waitUntil settles) or it was already called (${error.message})`,
        'InvalidStateError',
      );
    }
    throw error;
  }
}

/** What `updateUI` was called with for this event, if it was (through this helper). */
export function uiOf(event: BackgroundFetchEvent): BackgroundFetchUIOptions | undefined {
  return updated.get(event);
}
