'use client';

import * as Progress from '@radix-ui/react-progress';
import * as React from 'react';
import { formatBytes } from './format-bytes';

/**
 * The status of one download, as in the store's snapshot (`RegistrationSnapshot['status']`).
 * Declared here so the component stays presentational and does not depend on `@bgfetch/core`.
 */
export type FetchProgressStatus =
  | 'pending'
  | 'fetching'
  | 'paused'
  | 'offline'
  | 'success'
  | 'failure'
  | 'aborted';

type RootProps = Omit<
  React.ComponentPropsWithoutRef<typeof Progress.Root>,
  'value' | 'max' | 'getValueLabel'
>;

export interface FetchProgressProps extends RootProps {
  /** Bytes received so far (the spec's `downloaded`). */
  downloaded: number;
  /** Expected bytes (the spec's `downloadTotal`); `0` means unknown and shows an indeterminate bar. */
  downloadTotal: number;
  /** Set as `data-state` on the root and the indicator, for styling. */
  status: FetchProgressStatus;
  /**
   * The accessible name (becomes `aria-label`). Give this, `aria-label` or `aria-labelledby`: a progress bar
   * without a name fails the a11y checks. An explicit `aria-label` wins over `label`.
   */
  label?: string;
  /** Class name of the indicator element (the bar that fills). */
  indicatorClassName?: string;
}

/** Bytes as the bar shows them: negative or non-finite input counts as 0, so rendering never throws. */
const sanitize = (bytes: number) => (Number.isFinite(bytes) && bytes > 0 ? bytes : 0);

export interface FetchProgressValue {
  /** `null` when the total is unknown. */
  fraction: number | null;
  /** Whole percent, rounded down so 100% means done; `null` when the total is unknown. */
  percent: number | null;
  valueText: string;
}

/** The numbers and text the bar shows; exported for components that show the same text elsewhere. */
export function getFetchProgressValue(downloaded: number, downloadTotal: number): FetchProgressValue {
  const done = sanitize(downloaded);
  const total = sanitize(downloadTotal);
  if (total === 0) return { fraction: null, percent: null, valueText: `${formatBytes(done)} downloaded` };
  const fraction = Math.min(done / total, 1);
  const percent = Math.floor(fraction * 100);
  return { fraction, percent, valueText: `${formatBytes(done)} of ${formatBytes(total)} (${percent}%)` };
}

/**
 * A presentational progress bar for one download, on Radix's `Progress`: `role="progressbar"` with
 * `aria-valuenow`/`aria-valuemax` in bytes and `aria-valuetext` like "12.3 MB of 60 MB (20%)"
 * ("12.3 MB downloaded" when the total is unknown). Unstyled: style `[data-state]` and the indicator.
 *
 * `asChild` renders the root as its single child element (Radix Slot semantics) and appends the indicator to that
 * child's own children.
 */
export const FetchProgress = React.forwardRef<HTMLDivElement, FetchProgressProps>(function FetchProgress(
  {
    downloaded,
    downloadTotal,
    status,
    label,
    indicatorClassName,
    asChild = false,
    children,
    'aria-label': ariaLabel,
    ...rootProps
  },
  forwardedRef,
) {
  const { fraction, valueText } = getFetchProgressValue(downloaded, downloadTotal);
  const indeterminate = fraction === null;
  const total = sanitize(downloadTotal);

  const indicator = (
    <Progress.Indicator
      className={indicatorClassName}
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
      {...rootProps}
      data-state={status}
    >
      {content}
    </Progress.Root>
  );
});
FetchProgress.displayName = 'FetchProgress';
