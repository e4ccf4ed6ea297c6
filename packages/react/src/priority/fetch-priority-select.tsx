'use client';

import { type BackgroundFetchClient, FETCH_PRIORITIES, type FetchPriority } from '@bgfetch/core';
import * as React from 'react';
import { useFetchRegistration } from '../hooks/index.js';
import { defaultOnError } from '../internal/action-button.js';
import { type PartialLabels, useLabels } from '../labels/index.js';

export interface FetchPrioritySelectProps
  extends Omit<
    React.SelectHTMLAttributes<HTMLSelectElement>,
    'children' | 'value' | 'defaultValue' | 'onError'
  > {
  fetchId: string;
  client?: BackgroundFetchClient;
  /** Called when `setPriority` rejects (the fetch settled meanwhile, …); default: `reportError`. */
  onError?: (error: unknown) => void;
  /** Texts over the provider's: `priority` (each option) and `priorityName(title)` (the select's name). */
  labels?: PartialLabels;
}

/**
 * A `<select>` of the fetch's priority (high, normal, low) that calls `setPriority` on change. It shows the
 * priority the engine reports, not the one asked for: until the engine has moved the fetch, it reads as before.
 * Rendered only while the fetch is active on an engine with a queue (`capabilities.queue`; the native API has
 * none). Named "Priority of <title>" unless given `aria-label` or `aria-labelledby`; `data-state` is the priority.
 */
export const FetchPrioritySelect = React.forwardRef<HTMLSelectElement, FetchPrioritySelectProps>(
  function FetchPrioritySelect(
    { fetchId, client, onError = defaultOnError, labels, onChange, ...selectProps },
    forwardedRef,
  ) {
    const registration = useFetchRegistration(fetchId, client);
    const text = useLabels(labels);
    if (registration === undefined || !registration.capabilities.queue || registration.settled) return null;
    const priority = registration.priority ?? 'normal';
    return (
      <select
        aria-label={text.priorityName(registration.title || fetchId)}
        data-bgfetch="priority"
        data-state={priority}
        {...selectProps}
        ref={forwardedRef}
        value={priority}
        onChange={(event) => {
          onChange?.(event);
          if (event.defaultPrevented) return;
          registration.setPriority(event.currentTarget.value as FetchPriority).catch(onError);
        }}
      >
        {FETCH_PRIORITIES.map((each) => (
          <option key={each} value={each}>
            {text.priority[each]}
          </option>
        ))}
      </select>
    );
  },
);
FetchPrioritySelect.displayName = 'FetchPrioritySelect';
