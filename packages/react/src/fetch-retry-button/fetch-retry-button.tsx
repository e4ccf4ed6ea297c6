'use client';

import { createActionButton, type FetchActionButtonProps } from '../internal/action-button.js';

export type FetchRetryButtonProps = FetchActionButtonProps;

/**
 * Starts the fetch `fetchId` again after it failed or was cancelled, with the requests and options it was last
 * started with on this origin (`client.retry`). Named "Retry download of <title>", shows "Retry"
 * (`labels.retryName`, `labels.retry`); disabled unless the fetch failed or was aborted and can be retried (its
 * requests are kept); renders nothing for an unknown id.
 */
export const FetchRetryButton = createActionButton(
  'FetchRetryButton',
  'retry-button',
  (registration, labels, name) => ({
    action: registration.retry,
    unavailable: !(
      (registration.status === 'failure' || registration.status === 'aborted') &&
      registration.canRetry
    ),
    name: labels.retryName(name),
    text: labels.retry,
  }),
);
