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

export interface FetchRetryButtonProps extends FetchActionButtonProps {
  client?: BackgroundFetchClient;
}

/**
 * Starts the fetch `fetchId` again after it failed or was cancelled, with the requests and options it was started
 * with on this page. Named "Retry download of <title>", shows "Retry"; disabled unless the fetch failed or was
 * aborted and can be retried (a fetch started before a reload cannot: its requests are not known); renders
 * nothing for an unknown id.
 */
export const FetchRetryButton = React.forwardRef<HTMLButtonElement, FetchRetryButtonProps>(
  function FetchRetryButton({ fetchId, client, children, ...props }, forwardedRef) {
    const registration = useFetchRegistration(fetchId, client);
    if (registration === undefined) return null;
    const retriable =
      (registration.status === 'failure' || registration.status === 'aborted') && registration.canRetry;
    return (
      <ActionButton
        ref={forwardedRef}
        registration={registration}
        part="retry-button"
        action={registration.retry}
        unavailable={!retriable}
        defaultLabel={`Retry download of ${nameOf(registration)}`}
        {...props}
      >
        {renderChildren(children, registration, 'Retry')}
      </ActionButton>
    );
  },
);
FetchRetryButton.displayName = 'FetchRetryButton';
