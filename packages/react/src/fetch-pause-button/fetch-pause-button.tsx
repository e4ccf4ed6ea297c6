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

export interface FetchPauseButtonProps extends FetchActionButtonProps {
  client?: BackgroundFetchClient;
}

/**
 * Pauses the fetch `fetchId`, or resumes it when it is paused. Rendered only when the fetch's engine can pause
 * (the native Background Fetch API cannot). The name says what a press does ("Pause download of <title>" /
 * "Resume download of <title>"), so it is not a toggle with `aria-pressed` (APG: a toggle keeps its name).
 * Disabled while saving and once settled. `data-state` is the fetch's status.
 */
export const FetchPauseButton = React.forwardRef<HTMLButtonElement, FetchPauseButtonProps>(
  function FetchPauseButton({ fetchId, client, children, labels, ...props }, forwardedRef) {
    const registration = useFetchRegistration(fetchId, client);
    const text = useLabels(labels);
    if (registration === undefined || !registration.capabilities.pause) return null;
    const resumes = registration.status === 'paused';
    const name = nameOf(registration);
    return (
      <ActionButton
        ref={forwardedRef}
        registration={registration}
        part="pause-button"
        action={resumes ? registration.resume : registration.pause}
        // Once every byte is in (saving) there is nothing left to pause.
        unavailable={registration.settled || registration.status === 'saving'}
        defaultLabel={resumes ? text.resumeName(name) : text.pauseName(name)}
        {...props}
      >
        {renderChildren(children, registration, resumes ? text.resume : text.pause)}
      </ActionButton>
    );
  },
);
FetchPauseButton.displayName = 'FetchPauseButton';
