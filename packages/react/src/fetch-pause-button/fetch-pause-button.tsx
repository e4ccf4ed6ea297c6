'use client';

import { createActionButton, type FetchActionButtonProps } from '../internal/action-button.js';

export type FetchPauseButtonProps = FetchActionButtonProps;

/**
 * Pauses the fetch `fetchId`, or resumes it when it is paused. Rendered only when the fetch's engine can pause
 * (the native Background Fetch API cannot). The name says what a press does ("Pause download of <title>" /
 * "Resume download of <title>"), so it is not a toggle with `aria-pressed` (APG: a toggle keeps its name).
 * Disabled while saving and once settled. `data-state` is the fetch's status.
 */
export const FetchPauseButton = createActionButton(
  'FetchPauseButton',
  'pause-button',
  (registration, labels, name) => {
    if (!registration.capabilities.pause) return undefined;
    const resumes = registration.status === 'paused';
    return {
      action: resumes ? registration.resume : registration.pause,
      // Once every byte is in (saving) there is nothing left to pause.
      unavailable: registration.settled || registration.status === 'saving',
      name: resumes ? labels.resumeName(name) : labels.pauseName(name),
      text: resumes ? labels.resume : labels.pause,
    };
  },
);
