'use client';

import type {
  BackgroundFetchClient,
  BackgroundFetchFailureReason,
  RegistrationSnapshot,
} from '@bgfetch/core';
import * as React from 'react';
import { useFetchRegistration } from '../hooks/index.js';

type FailureReason = Exclude<BackgroundFetchFailureReason, '' | 'aborted'>;

/**
 * The text for each status, and for each failure reason of a `failure`. `failure` is the text for a failure whose
 * reason has no text of its own.
 */
export type FetchStatusMessages = Record<RegistrationSnapshot['status'], string> &
  Record<FailureReason, string>;

export const defaultFetchStatusMessages: Readonly<FetchStatusMessages> = {
  pending: 'Waiting to start',
  fetching: 'Downloading',
  paused: 'Paused',
  offline: 'Offline: resumes when the network is back',
  success: 'Downloaded',
  failure: 'Download failed',
  aborted: 'Cancelled',
  'bad-status': 'Download failed: the server answered with an error',
  'fetch-error': 'Download failed: the network or the file was not right',
  'quota-exceeded': 'Download failed: not enough storage space',
  'download-total-exceeded': 'Download failed: the file was larger than expected',
};

/** The readable text for a snapshot's status (and failure reason), with `messages` over the defaults. */
export function getFetchStatusText(
  snapshot: Pick<RegistrationSnapshot, 'status' | 'failureReason'>,
  messages: Partial<FetchStatusMessages> = {},
): string {
  const text = { ...defaultFetchStatusMessages, ...messages };
  const { status, failureReason } = snapshot;
  if (status === 'failure' && failureReason !== '' && failureReason !== 'aborted') {
    return (
      messages[failureReason] ?? (messages.failure !== undefined ? messages.failure : text[failureReason])
    );
  }
  return text[status];
}

export interface FetchStatusProps extends Omit<React.HTMLAttributes<HTMLSpanElement>, 'children'> {
  fetchId: string;
  client?: BackgroundFetchClient;
  /** Texts over the defaults, e.g. a translation: `{ fetching: 'Téléchargement…', 'bad-status': '…' }`. */
  messages?: Partial<FetchStatusMessages>;
}

/**
 * The status of the fetch `fetchId` as readable text, in a `role="status"` element (a polite live region, so a
 * change such as "Paused" or "Download failed" is announced; progress ticks do not change the text). `data-state`
 * is the status and `data-failure-reason` the spec's reason. Renders nothing for an unknown id.
 */
export const FetchStatus = React.forwardRef<HTMLSpanElement, FetchStatusProps>(function FetchStatus(
  { fetchId, client, messages, ...props },
  forwardedRef,
) {
  const registration = useFetchRegistration(fetchId, client);
  if (registration === undefined) return null;
  return (
    <span
      role="status"
      data-bgfetch="status"
      data-state={registration.status}
      data-failure-reason={registration.failureReason || undefined}
      {...props}
      ref={forwardedRef}
    >
      {getFetchStatusText(registration, messages)}
    </span>
  );
});
FetchStatus.displayName = 'FetchStatus';
