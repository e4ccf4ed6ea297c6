'use client';

import type { BackgroundFetchClient, FetchStatus } from '@bgfetch/core';
import * as Progress from '@radix-ui/react-progress';
import * as React from 'react';
import { useFetchRegistration } from '../hooks/index.js';
import { formatBytes } from './format-bytes.js';

type RootProps = Omit<
  React.ComponentPropsWithoutRef<typeof Progress.Root>,
  'value' | 'max' | 'getValueLabel'
>;

interface FetchProgressCommonProps extends RootProps {
  /**
   * The accessible name (becomes `aria-label`). Give this, `aria-label` or `aria-labelledby`: a progress bar
   * without a name fails the a11y checks. An explicit `aria-label` wins over `label`. The connected form names
   * the bar by the fetch's title (or its id) when none is given.
   */
  label?: string;
  /** Class name of the indicator element (the bar that fills). */
  indicatorClassName?: string;
  /** Replaces the `aria-valuetext` (e.g. to localise it); gets the figures and the status. */
  getValueText?: (value: FetchProgressValue & FetchProgressFigures) => string;
}

export interface FetchProgressFigures {
  /** Bytes received so far (the spec's `downloaded`). */
  downloaded: number;
  /** Expected bytes (the spec's `downloadTotal`); `0` means unknown and shows an indeterminate bar. */
  downloadTotal: number;
  /** Set as `data-state` on the root and the indicator, for styling; also read out in the value text. */
  status: FetchStatus;
}

/** The presentational form: you pass the figures. */
export interface FetchProgressValueProps extends FetchProgressCommonProps, FetchProgressFigures {
  fetchId?: never;
  client?: never;
}

/**
 * The connected form: the bar reads the registration `fetchId` from the store and renders again only when that
 * registration changes; it renders nothing for an id the store does not have.
 */
export interface FetchProgressConnectedProps
  extends FetchProgressCommonProps,
    Partial<Record<keyof FetchProgressFigures, never>> {
  fetchId: string;
  /** The client to read from, instead of the nearest `BackgroundFetchProvider`'s. */
  client?: BackgroundFetchClient;
}

export type FetchProgressProps = FetchProgressValueProps | FetchProgressConnectedProps;

/** Bytes as the bar shows them: negative or non-finite input counts as 0, so rendering never throws. */
const sanitize = (bytes: number) => (Number.isFinite(bytes) && bytes > 0 ? bytes : 0);

export interface FetchProgressValue {
  /** `null` when the total is unknown. */
  fraction: number | null;
  /** Whole percent, rounded down so 100% means done; `null` when the total is unknown. */
  percent: number | null;
  valueText: string;
}

/**
 * What the value text adds for a status a sighted user sees only as a colour: a screen reader reading the bar
 * must hear that it is paused or failed, not just "50%".
 */
export const progressStatusSuffix: Readonly<Record<FetchStatus, string>> = {
  pending: ', queued',
  fetching: '',
  saving: ', saving',
  paused: ', paused',
  offline: ', waiting for the network',
  success: '',
  failure: ', failed',
  aborted: ', cancelled',
};

/**
 * The numbers and text the bar shows; exported for components that show the same text elsewhere. With a
 * `status`, the text ends with what that status means when the bar is not simply running or done.
 */
export function getFetchProgressValue(
  downloaded: number,
  downloadTotal: number,
  status?: FetchStatus,
): FetchProgressValue {
  const done = sanitize(downloaded);
  const total = sanitize(downloadTotal);
  const suffix = status === undefined ? '' : progressStatusSuffix[status];
  if (total === 0) {
    return { fraction: null, percent: null, valueText: `${formatBytes(done)} downloaded${suffix}` };
  }
  const fraction = Math.min(done / total, 1);
  const percent = Math.floor(fraction * 100);
  return {
    fraction,
    percent,
    valueText: `${formatBytes(done)} of ${formatBytes(total)} (${percent}%)${suffix}`,
  };
}

const ProgressBar = React.forwardRef<HTMLDivElement, FetchProgressValueProps>(function ProgressBar(
  {
    downloaded,
    downloadTotal,
    status,
    label,
    indicatorClassName,
    getValueText,
    asChild = false,
    children,
    'aria-label': ariaLabel,
    ...rootProps
  },
  forwardedRef,
) {
  const value = getFetchProgressValue(downloaded, downloadTotal, status);
  const { fraction } = value;
  const valueText = getValueText
    ? getValueText({ ...value, downloaded, downloadTotal, status })
    : value.valueText;
  const indeterminate = fraction === null;
  const total = sanitize(downloadTotal);

  const indicator = (
    <Progress.Indicator
      className={indicatorClassName}
      data-bgfetch="progress-indicator"
      data-state={status}
      data-indeterminate={indeterminate ? '' : undefined}
      style={indeterminate ? undefined : { transform: `translateX(-${100 - fraction * 100}%)` }}
    />
  );

  let content: React.ReactNode;
  if (asChild) {
    if (!React.isValidElement<{ children?: React.ReactNode }>(children)) {
      throw new Error('FetchProgress: `asChild` expects a single React element as its child.');
    }
    content = React.cloneElement(children, undefined, children.props.children, indicator);
  } else {
    content = (
      <>
        {indicator}
        {children}
      </>
    );
  }

  return (
    <Progress.Root
      ref={forwardedRef}
      asChild={asChild}
      value={indeterminate ? null : Math.min(sanitize(downloaded), total)}
      max={indeterminate ? undefined : total}
      aria-label={ariaLabel ?? label}
      aria-valuetext={valueText}
      // Radix says aria-valuemax="100" even when indeterminate; with no known total there is no maximum.
      {...(indeterminate ? { 'aria-valuemax': undefined } : {})}
      data-indeterminate={indeterminate ? '' : undefined}
      data-bgfetch="progress"
      {...rootProps}
      data-state={status}
    >
      {content}
    </Progress.Root>
  );
});
ProgressBar.displayName = 'FetchProgressBar';

const ConnectedProgressBar = React.forwardRef<HTMLDivElement, FetchProgressConnectedProps>(
  function ConnectedProgressBar({ fetchId, client, label, ...props }, forwardedRef) {
    const registration = useFetchRegistration(fetchId, client);
    if (registration === undefined) return null;
    return (
      <ProgressBar
        ref={forwardedRef}
        label={label ?? (registration.title || fetchId)}
        downloaded={registration.downloaded}
        downloadTotal={registration.expectedBytes ?? 0}
        status={registration.status}
        {...props}
      />
    );
  },
);
ConnectedProgressBar.displayName = 'FetchProgressConnected';

/**
 * A progress bar for one download, on Radix's `Progress`: `role="progressbar"` with `aria-valuenow`/`aria-valuemax`
 * in bytes and `aria-valuetext` like "12.3 MB of 60 MB (20%)" ("12.3 MB downloaded" when the total is unknown;
 * ", paused", ", failed"… appended for a status that is not running or done). Unstyled: style `[data-state]`.
 *
 * Two forms, one component: `<FetchProgress fetchId="ep1" />` reads the registration from the store (and renders
 * again only when that one changes); `<FetchProgress downloaded={…} downloadTotal={…} status={…} />` shows given
 * figures and needs no provider.
 *
 * `asChild` renders the root as its single child element (Radix Slot semantics) and appends the indicator to that
 * child's own children.
 */
export const FetchProgress = React.forwardRef<HTMLDivElement, FetchProgressProps>(
  function FetchProgress(props, forwardedRef) {
    return props.fetchId === undefined ? (
      <ProgressBar ref={forwardedRef} {...props} />
    ) : (
      <ConnectedProgressBar ref={forwardedRef} {...props} />
    );
  },
);
FetchProgress.displayName = 'FetchProgress';
