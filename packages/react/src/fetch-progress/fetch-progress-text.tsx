'use client';

import type { BackgroundFetchClient } from '@bgfetch/core';
import * as React from 'react';
import { type FetchRegistration, useFetchRegistration } from '../hooks/index.js';
import { type BackgroundFetchLabels, defaultLabels, type PartialLabels, useLabels } from '../labels/index.js';
import { getFetchProgressValue } from './fetch-progress.js';
import { formatBytes, formatDuration } from './format-bytes.js';
import { useThrottled } from './use-throttled.js';

export interface FetchProgressTextProps extends Omit<React.HTMLAttributes<HTMLSpanElement>, 'children'> {
  fetchId: string;
  client?: BackgroundFetchClient;
  labels?: PartialLabels;
  /** The text changes at most this often; default 500 ms, so a person can read it. */
  intervalMs?: number;
}

/**
 * The progress as a person reads it: "12.3 MB of 60 MB (20%) · 2.1 MB/s · 25 sec left" — the rate and the time left
 * only while they are known. Exported for text shown elsewhere (a notification, a title).
 */
export function getFetchProgressText(
  registration: Pick<FetchRegistration, 'downloaded' | 'expectedBytes' | 'bytesPerSecond' | 'secondsLeft'>,
  labels: BackgroundFetchLabels = defaultLabels,
): string {
  const { downloaded, expectedBytes, bytesPerSecond, secondsLeft } = registration;
  const parts = [getFetchProgressValue(downloaded, expectedBytes ?? 0, undefined, labels).valueText];
  if (bytesPerSecond > 0) parts.push(labels.rate(formatBytes(bytesPerSecond, labels.locale)));
  if (secondsLeft !== undefined) parts.push(labels.timeLeft(formatDuration(secondsLeft, labels.locale)));
  return parts.join(' · ');
}

/**
 * The visible progress text of the fetch `fetchId` (see `getFetchProgressText`), in a plain `<span>`: not a live
 * region (the bar and `FetchStatus` speak for the download), and changed at most every `intervalMs`. Renders nothing
 * for an unknown id.
 */
export const FetchProgressText = React.forwardRef<HTMLSpanElement, FetchProgressTextProps>(
  function FetchProgressText({ fetchId, client, labels, intervalMs = 500, ...props }, forwardedRef) {
    const registration = useFetchRegistration(fetchId, client);
    const resolved = useLabels(labels);
    const text = useThrottled(registration && getFetchProgressText(registration, resolved), intervalMs);
    if (registration === undefined) return null;
    return (
      <span data-bgfetch="progress-text" data-state={registration.status} {...props} ref={forwardedRef}>
        {text}
      </span>
    );
  },
);
FetchProgressText.displayName = 'FetchProgressText';
