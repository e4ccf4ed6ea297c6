'use client';

import type { BackgroundFetchClient, RegistrationSnapshot, RequestProgress } from '@bgfetch/core';
import * as React from 'react';
import { useFetchRegistration } from '../hooks/index.js';
import { type BackgroundFetchLabels, defaultLabels, type PartialLabels, useLabels } from '../labels/index.js';

/**
 * The readable text for a snapshot's status (and failure reason, place in the queue or pause reason) in `labels`
 * (default: English): a `pending` fetch with a `queuePosition` reads "Queued (2nd)" ("Queued (2nd, high priority)"
 * when its priority is not `normal`); a fetch paused on a metered network says so. A `bad-status` failure names
 * the first request that was answered with a non-2xx status, when the snapshot's `requests` tell it.
 */
export function getFetchStatusText(
  snapshot: Pick<RegistrationSnapshot, 'status' | 'failureReason'> &
    Partial<Pick<RegistrationSnapshot, 'queuePosition' | 'priority' | 'pauseReason'>> & {
      requests?: readonly RequestProgress[];
    },
  labels: BackgroundFetchLabels = defaultLabels,
): string {
  const { status, failureReason } = snapshot;
  if (status === 'failure' && failureReason !== '' && failureReason !== 'aborted') {
    const refused = failureReason === 'bad-status' && refusedRequest(snapshot.requests);
    if (refused) return labels.badStatusOf(refused.status, refused.url);
    return labels.failure[failureReason] ?? labels.status.failure;
  }
  if (status === 'pending' && snapshot.queuePosition !== undefined)
    return labels.queued(snapshot.queuePosition, snapshot.priority);
  const { pauseReason } = snapshot;
  if (status === 'paused' && pauseReason !== undefined && pauseReason !== 'user')
    return labels.pauseReason[pauseReason];
  return labels.status[status];
}

/** The first request the server answered with a non-2xx status, if the snapshot tells it. */
const refusedRequest = (requests: readonly RequestProgress[] | undefined) =>
  requests?.find(
    (request): request is RequestProgress & { status: number } =>
      request.status !== null && (request.status < 200 || request.status > 299),
  );

export interface FetchStatusProps extends Omit<React.HTMLAttributes<HTMLSpanElement>, 'children'> {
  fetchId: string;
  client?: BackgroundFetchClient;
  /** Texts over the provider's, e.g. a translation: `{ status: { fetching: 'Téléchargement…' } }`. */
  labels?: PartialLabels;
}

/**
 * The status of the fetch `fetchId` as readable text, in a `role="status"` element (a polite live region, so a
 * change such as "Paused" or "Download failed" is announced; progress ticks do not change the text). `data-state`
 * is the status, `data-failure-reason` the spec's reason, `data-queue-position` a queued fetch's place and
 * `data-pause-reason` why a paused one is paused. Renders nothing for an unknown id.
 */
export const FetchStatus = React.forwardRef<HTMLSpanElement, FetchStatusProps>(function FetchStatus(
  { fetchId, client, labels, ...props },
  forwardedRef,
) {
  const registration = useFetchRegistration(fetchId, client);
  const resolved = useLabels(labels);
  if (registration === undefined) return null;
  return (
    <span
      role="status"
      data-bgfetch="status"
      data-state={registration.status}
      data-failure-reason={registration.failureReason || undefined}
      data-queue-position={registration.queuePosition}
      data-pause-reason={registration.status === 'paused' ? registration.pauseReason : undefined}
      {...props}
      ref={forwardedRef}
    >
      {getFetchStatusText(registration, resolved)}
    </span>
  );
});
FetchStatus.displayName = 'FetchStatus';
