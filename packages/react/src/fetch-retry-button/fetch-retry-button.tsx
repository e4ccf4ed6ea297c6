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

export interface FetchRetryButtonProps extends FetchActionButtonProps {
  client?: BackgroundFetchClient;
}

/**
 * Starts the fetch `fetchId` again after it failed or was cancelled, with the requests and options it was last
 * started with on this origin (`client.retry`). Named "Retry download of <title>", shows "Retry"
 * (`labels.retryName`, `labels.retry`); disabled unless the fetch failed or was aborted and can be retried (its
 * requests are kept); renders nothing for an unknown id.
 */
export const FetchRetryButton = React.forwardRef<HTMLButtonElement, FetchRetryButtonProps>(
  function FetchRetryButton({ fetchId, client, children, labels, ...props }, forwardedRef) {
    const registration = useFetchRegistration(fetchId, client);
    const text = useLabels(labels);
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
        defaultLabel={text.retryName(nameOf(registration))}
        {...props}
      >
        {renderChildren(children, registration, text.retry)}
      </ActionButton>
    );
  },
);
FetchRetryButton.displayName = 'FetchRetryButton';
