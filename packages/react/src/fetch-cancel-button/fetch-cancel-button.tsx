'use client';

import { createActionButton, type FetchActionButtonProps } from '../internal/action-button.js';

export type FetchCancelButtonProps = FetchActionButtonProps;

/**
 * Aborts the fetch `fetchId`. Named "Cancel download of <title>", shows "Cancel" (`labels.cancelName`,
 * `labels.cancel`); disabled once the fetch has settled; renders nothing for an unknown id. `data-state` is the
 * fetch's status.
 */
export const FetchCancelButton = createActionButton(
  'FetchCancelButton',
  'cancel-button',
  (registration, labels, name) => ({
    action: registration.abort,
    unavailable: registration.settled,
    name: labels.cancelName(name),
    text: labels.cancel,
  }),
);
