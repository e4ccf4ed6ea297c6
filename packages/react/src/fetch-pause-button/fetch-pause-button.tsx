'use client';

import * as React from 'react';
import {
  type DescribeAction,
  type FetchActionButtonProps,
  RegistrationButton,
} from '../internal/action-button.js';

export type FetchPauseButtonProps = FetchActionButtonProps;

const describe: DescribeAction = (registration, labels, name) => {
  if (!registration.capabilities.pause) return undefined;
  const resumes = registration.status === 'paused';
  return {
    action: resumes ? registration.resume : registration.pause,
    // Once every byte is in (saving) there is nothing left to pause.
    unavailable: registration.settled || registration.status === 'saving',
    name: resumes ? labels.resumeName(name) : labels.pauseName(name),
    text: resumes ? labels.resume : labels.pause,
  };
};

/**
 * Pauses the fetch `fetchId`, or resumes it when it is paused. Rendered only when the fetch's engine can pause
 * (the native Background Fetch API cannot). The name says what a press does ("Pause download of <title>" /
 * "Resume download of <title>"), so it is not a toggle with `aria-pressed` (APG: a toggle keeps its name).
 * Disabled while saving and once settled. `data-state` is the fetch's status.
 */
export const FetchPauseButton = React.forwardRef<HTMLButtonElement, FetchPauseButtonProps>(
  function FetchPauseButton(props, forwardedRef) {
    return <RegistrationButton ref={forwardedRef} part="pause-button" describe={describe} {...props} />;
  },
);
FetchPauseButton.displayName = 'FetchPauseButton';
