'use client';

import type {
  BackgroundFetchClient,
  BackgroundFetchFailureReason,
  RegistrationSnapshot,
  RequestProgress,
} from '@bgfetch/core';
import * as React from 'react';
import { useFetchRegistration } from '../hooks/index.js';

type FailureReason = Exclude<BackgroundFetchFailureReason, '' | 'aborted'>;

/**
 * The text for each status, and for each failure reason of a `failure`. `failure` is the text for a failure whose
 * reason has no text of its own. `bad-status-of` is the text of a `bad-status` failure whose failing request is
 * known: `{status}` and `{url}` in it are replaced by that request's HTTP status and URL.
 */
export type FetchStatusMessages = Record<RegistrationSnapshot['status'], string> &
  Record<FailureReason, string> & { 'bad-status-of': string };

export const defaultFetchStatusMessages: Readonly<FetchStatusMessages> = {
  pending: 'Waiting to start',
  fetching: 'Downloading',
  saving: 'Saving…',
  paused: 'Paused',
  offline: 'Offline: resumes when the network is back',
  success: 'Downloaded',
  failure: 'Download failed',
  aborted: 'Cancelled',
  'bad-status': 'Download failed: the server answered with an error',
  'bad-status-of': 'Download failed: {status} for {url}',
  'fetch-error': 'Download failed: the network or the file was not right',
  'quota-exceeded': 'Download failed: not enough storage space',
  'download-total-exceeded': 'Download failed: the file was larger than expected',
};

/**
 * The readable text for a snapshot's status (and failure reason), with `messages` over the defaults. A `bad-status`
 * failure names the first request that was answered with a non-2xx status, when the snapshot's `requests` tell it.
 */
export function getFetchStatusText(
  snapshot: Pick<RegistrationSnapshot, 'status' | 'failureReason'> & {
    requests?: readonly RequestProgress[];
  },
  messages: Partial<FetchStatusMessages> = {},
): string {
  const text = { ...defaultFetchStatusMessages, ...messages };
  const { status, failureReason } = snapshot;
  if (status === 'failure' && failureReason !== '' && failureReason !== 'aborted') {
    const refused = failureReason === 'bad-status' ? refusedRequest(snapshot.requests) : undefined;
    // An app that worded `bad-status` (or `failure`) itself keeps its words unless it worded this one too.
    const custom = messages[failureReason] ?? messages.failure;
    if (refused !== undefined && (messages['bad-status-of'] !== undefined || custom === undefined)) {
      return text['bad-status-of']
        .replaceAll('{status}', String(refused.status))
        .replaceAll('{url}', refused.url);
    }
    return custom ?? text[failureReason];
  }
  return text[status];
}

function refusedRequest(
  requests: readonly RequestProgress[] | undefined,
): { status: number; url: string } | undefined {
  for (const { status, url } of requests ?? [])
    if (status !== null && (status < 200 || status > 299)) return { status, url };
  return undefined;
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
