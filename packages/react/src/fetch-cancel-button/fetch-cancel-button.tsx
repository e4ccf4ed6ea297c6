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

export interface FetchCancelButtonProps extends FetchActionButtonProps {
  client?: BackgroundFetchClient;
}

/**
 * Aborts the fetch `fetchId`. Named "Cancel download of <title>" (pass `aria-label` to localise), shows "Cancel";
 * disabled once the fetch has settled; renders nothing for an unknown id. `data-state` is the fetch's status.
 */
export const FetchCancelButton = React.forwardRef<HTMLButtonElement, FetchCancelButtonProps>(
  function FetchCancelButton({ fetchId, client, children, ...props }, forwardedRef) {
    const registration = useFetchRegistration(fetchId, client);
    if (registration === undefined) return null;
    return (
      <ActionButton
        ref={forwardedRef}
        registration={registration}
        part="cancel-button"
        action={registration.abort}
        unavailable={registration.settled}
        defaultLabel={`Cancel download of ${nameOf(registration)}`}
        {...props}
      >
        {renderChildren(children, registration, 'Cancel')}
      </ActionButton>
    );
  },
);
FetchCancelButton.displayName = 'FetchCancelButton';
