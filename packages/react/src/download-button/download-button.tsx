'use client';

import type {
  BackgroundFetchClient,
  FetchOptions,
  FetchRequestInput,
  FetchStatus as Status,
} from '@bgfetch/core';
import * as React from 'react';
import { FetchCancelButton } from '../fetch-cancel-button/index.js';
import { FetchPauseButton } from '../fetch-pause-button/index.js';
import { FetchProgress } from '../fetch-progress/index.js';
import { FetchRetryButton } from '../fetch-retry-button/index.js';
import { FetchStatus } from '../fetch-status/index.js';
import { type FetchRegistration, useBackgroundFetch, useFetchRegistration } from '../hooks/index.js';
import { defaultOnError } from '../internal/action-button.js';
import { LabelsProvider, type PartialLabels, useLabels } from '../labels/index.js';

/**
 * `idle`: nothing to show yet (never started, or cancelled); `start-failed`: the last press could not start the
 * fetch (the error is shown, and "Download" again); otherwise the fetch's status.
 */
export type DownloadButtonState = 'idle' | 'start-failed' | Status;

export interface DownloadButtonProps
  extends Omit<React.HTMLAttributes<HTMLDivElement>, 'children' | 'onError'> {
  fetchId: string;
  /** What to download, as for `fetch()`. */
  requests: FetchRequestInput | readonly FetchRequestInput[];
  /** The spec's options (`title` names the buttons and the bar; the id does when there is none). */
  options?: FetchOptions;
  client?: BackgroundFetchClient;
  /** Called by the "Open" button once the download is done; without it, a done download shows its status. */
  onOpen?: (registration: FetchRegistration) => void;
  /**
   * Called when starting or an action rejects (bad input, quota, no engine); default: `reportError`. A start that
   * failed is also shown (`data-state="start-failed"`, its text in a `role="alert"` element).
   */
  onError?: (error: unknown) => void;
  /** Texts over the provider's, for this button and its parts (bar, status, buttons). */
  labels?: PartialLabels;
}

function stateOf(registration: FetchRegistration | undefined, startError: boolean): DownloadButtonState {
  if (registration === undefined || registration.status === 'aborted')
    return startError ? 'start-failed' : 'idle';
  return registration.status;
}

/**
 * The common case in one component: "Download" starts the fetch; while it runs, a progress bar, pause/resume
 * (where the engine can) and cancel, with the status while it waits in a queue, is paused or is offline
 * ("Queued (2nd)", "Paused on a metered network: …"); when done, "Open". A failed fetch shows why and a retry
 * button; a cancelled one shows "Download" again. The root's `data-state` is `idle` or the fetch's status.
 *
 * When a press replaces the pressed button (start → cancel, cancel → download, …), the keyboard focus moves to
 * the new state's main button instead of being lost.
 */
export const DownloadButton = React.forwardRef<HTMLDivElement, DownloadButtonProps>(function DownloadButton(
  { fetchId, requests, options, client, onOpen, onError = defaultOnError, labels, ...rootProps },
  forwardedRef,
) {
  const api = useBackgroundFetch(client);
  const registration = useFetchRegistration(fetchId, api.client);
  /** Why the last press could not start the fetch, until the next press. */
  const [startError, setStartError] = React.useState<{ error: unknown }>();
  const state = stateOf(registration, startError !== undefined);
  const text = useLabels(labels);
  const title = registration?.title || options?.title || fetchId;
  const [starting, setStarting] = React.useState(false);

  const root = React.useRef<HTMLDivElement | null>(null);
  const primary = React.useRef<HTMLButtonElement | null>(null);
  const refocus = React.useRef(false);
  React.useImperativeHandle(forwardedRef, () => root.current as HTMLDivElement);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the state (and with it the buttons) changes
  React.useLayoutEffect(() => {
    // Only right after a press in here: a download finishing by itself must not pull the focus from elsewhere.
    if (!refocus.current) return;
    refocus.current = false;
    if (!root.current?.contains(document.activeElement)) primary.current?.focus();
  }, [state]);

  /** A press that replaces the pressed button: focus its successor once the state changes. */
  const pressed = () => {
    refocus.current = true;
  };

  const start = () => {
    pressed();
    if (starting) return;
    setStarting(true);
    setStartError(undefined);
    api
      .fetch(fetchId, requests, options)
      .catch((error: unknown) => {
        setStartError({ error });
        onError(error);
      })
      .finally(() => setStarting(false));
  };

  const actionProps = { fetchId, client: api.client, onError, onClick: pressed };

  let content: React.ReactNode;
  if (state === 'idle' || state === 'start-failed') {
    content = (
      <>
        {startError ? (
          <p role="alert" data-bgfetch="download-error">
            {text.startFailed(startError.error)}
          </p>
        ) : null}
        <button
          ref={primary}
          type="button"
          data-bgfetch="download-start"
          data-busy={starting ? '' : undefined}
          aria-label={text.downloadName(title)}
          onClick={start}
        >
          {text.download}
        </button>
      </>
    );
  } else if (state === 'success') {
    content = onOpen ? (
      <button
        ref={primary}
        type="button"
        data-bgfetch="download-open"
        aria-label={text.openName(title)}
        onClick={() => {
          pressed();
          if (registration) onOpen(registration);
        }}
      >
        {text.open}
      </button>
    ) : (
      <FetchStatus fetchId={fetchId} client={api.client} />
    );
  } else if (state === 'failure') {
    content = (
      <>
        <FetchStatus fetchId={fetchId} client={api.client} />
        <FetchRetryButton ref={primary} {...actionProps} />
      </>
    );
  } else {
    content = (
      <>
        <FetchProgress fetchId={fetchId} client={api.client} label={title} />
        {state === 'fetching' || state === 'saving' ? null : (
          <FetchStatus fetchId={fetchId} client={api.client} />
        )}
        <FetchPauseButton {...actionProps} />
        <FetchCancelButton ref={primary} {...actionProps} />
      </>
    );
  }

  return (
    <div data-bgfetch="download" data-state={state} {...rootProps} ref={root}>
      <LabelsProvider labels={labels}>{content}</LabelsProvider>
    </div>
  );
});
DownloadButton.displayName = 'DownloadButton';
