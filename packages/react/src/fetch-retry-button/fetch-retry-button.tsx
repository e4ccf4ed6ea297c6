'use client';

import * as React from 'react';
import {
  type DescribeAction,
  type FetchActionButtonProps,
  RegistrationButton,
} from '../internal/action-button.js';

export type FetchRetryButtonProps = FetchActionButtonProps;

const describe: DescribeAction = (registration, labels, name) => ({
  action: registration.retry,
  unavailable: !(
    (registration.status === 'failure' || registration.status === 'aborted') &&
    registration.canRetry
  ),
  name: labels.retryName(name),
  text: labels.retry,
});

/**
 * Starts the fetch `fetchId` again after it failed or was cancelled, with the requests and options it was last
 * started with on this origin (`client.retry`). Named "Retry download of <title>", shows "Retry"
 * (`labels.retryName`, `labels.retry`); disabled unless the fetch failed or was aborted and can be retried (its
 * requests are kept); renders nothing for an unknown id.
 */
export const FetchRetryButton = React.forwardRef<HTMLButtonElement, FetchRetryButtonProps>(
  function FetchRetryButton(props, forwardedRef) {
    return <RegistrationButton ref={forwardedRef} part="retry-button" describe={describe} {...props} />;
  },
);
FetchRetryButton.displayName = 'FetchRetryButton';
