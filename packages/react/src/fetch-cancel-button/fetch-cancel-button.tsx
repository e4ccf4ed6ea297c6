'use client';

import type { BackgroundFetchClient } from '@bgfetch/core';
import * as React from 'react';
import { useFetchRegistration } from '../hooks/index.js';
import {
  ActionButton,
  type FetchActionButtonProps,
  nameOf,
  renderChildren,
} from '../internal/action-button.js';
import { useLabels } from '../labels/index.js';

export interface FetchCancelButtonProps extends FetchActionButtonProps {
  client?: BackgroundFetchClient;
}

/**
 * Aborts the fetch `fetchId`. Named "Cancel download of <title>", shows "Cancel" (`labels.cancelName`, `labels.cancel`);
 * disabled once the fetch has settled; renders nothing for an unknown id. `data-state` is the fetch's status.
 */
export const FetchCancelButton = React.forwardRef<HTMLButtonElement, FetchCancelButtonProps>(
  function FetchCancelButton({ fetchId, client, children, labels, ...props }, forwardedRef) {
    const registration = useFetchRegistration(fetchId, client);
    const text = useLabels(labels);
    if (registration === undefined) return null;
    return (
      <ActionButton
        ref={forwardedRef}
        registration={registration}
        part="cancel-button"
        action={registration.abort}
        unavailable={registration.settled}
        defaultLabel={text.cancelName(nameOf(registration))}
        {...props}
      >
        {renderChildren(children, registration, text.cancel)}
      </ActionButton>
    );
  },
);
FetchCancelButton.displayName = 'FetchCancelButton';
