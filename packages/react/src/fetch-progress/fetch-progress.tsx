'use client';

import type { BackgroundFetchClient, FetchStatus } from '@bgfetch/core';
import * as Progress from '@radix-ui/react-progress';
import * as React from 'react';
import { useFetchRegistration } from '../hooks/index.js';
import { type BackgroundFetchLabels, defaultLabels, type PartialLabels, useLabels } from '../labels/index.js';
import { formatBytes } from './format-bytes.js';

type RadixRootProps = Omit<
  React.ComponentPropsWithoutRef<typeof Progress.Root>,
  'value' | 'max' | 'getValueLabel'
>;

interface FetchProgressCommonProps extends RadixRootProps {
  /**
   * The accessible name (becomes `aria-label`). Give this, `aria-label` or `aria-labelledby`: a progress bar
   * without a name fails the a11y checks. An explicit `aria-label` wins over `label`. The connected form names
   * the bar by the fetch's title (or its id) when none is given.
   */
  label?: string;
  /** Texts over the provider's: `progress` and `progressStatus` make the value text. */
  labels?: PartialLabels;
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

export type FetchProgressRootProps = FetchProgressValueProps | FetchProgressConnectedProps;

export type FetchProgressProps = FetchProgressRootProps & {
  /** Class name of the indicator element (the bar that fills). */
  indicatorClassName?: string;
};

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
 * The numbers and text the bar shows; exported for components that show the same text elsewhere. With a
 * `status`, the text ends with what that status means when the bar is not simply running or done (a screen
 * reader reading the bar must hear that it is paused or failed, not just "50%").
 */
export function getFetchProgressValue(
  downloaded: number,
  downloadTotal: number,
  status?: FetchStatus,
  labels: BackgroundFetchLabels = defaultLabels,
): FetchProgressValue {
  const done = sanitize(downloaded);
  const total = sanitize(downloadTotal);
  const suffix = status === undefined ? '' : labels.progressStatus[status];
  const shown = formatBytes(done, labels.locale);
  const fraction = total === 0 ? null : Math.min(done / total, 1);
  const percent = fraction === null ? null : Math.floor(fraction * 100);
  const valueText = labels.progress(
    percent === null
      ? { downloaded: shown }
      : { downloaded: shown, total: formatBytes(total, labels.locale), percent },
  );
  return { fraction, percent, valueText: valueText + suffix };
}

/** What the root tells its indicator. */
const ProgressContext = React.createContext<{ fraction: number | null; status: FetchStatus } | undefined>(
  undefined,
);

const ValueRoot = React.forwardRef<HTMLDivElement, FetchProgressValueProps>(function ValueRoot(
  { downloaded, downloadTotal, status, label, labels, 'aria-label': ariaLabel, children, ...rootProps },
  forwardedRef,
) {
  const { fraction, valueText } = getFetchProgressValue(downloaded, downloadTotal, status, useLabels(labels));
  const indeterminate = fraction === null;
  const max = indeterminate ? undefined : sanitize(downloadTotal);
  const context = React.useMemo(() => ({ fraction, status }), [fraction, status]);
  return (
    <ProgressContext.Provider value={context}>
      <Progress.Root
        ref={forwardedRef}
        value={max === undefined ? null : Math.min(sanitize(downloaded), max)}
        max={max}
        aria-label={ariaLabel ?? label}
        aria-valuetext={valueText}
        // Radix says aria-valuemax="100" (its default max) even when indeterminate; with no known total there is none.
        aria-valuemax={max}
        data-indeterminate={indeterminate ? '' : undefined}
        data-bgfetch="progress"
        {...rootProps}
        data-state={status}
      >
        {children}
      </Progress.Root>
    </ProgressContext.Provider>
  );
});

const ConnectedRoot = React.forwardRef<HTMLDivElement, FetchProgressConnectedProps>(function ConnectedRoot(
  { fetchId, client, label, ...props },
  forwardedRef,
) {
  const registration = useFetchRegistration(fetchId, client);
  if (registration === undefined) return null;
  return (
    <ValueRoot
      ref={forwardedRef}
      label={label ?? (registration.title || fetchId)}
      downloaded={registration.downloaded}
      downloadTotal={registration.expectedBytes ?? 0}
      status={registration.status}
      {...props}
    />
  );
});

/**
 * The bar's root part, on Radix's `Progress.Root`: `role="progressbar"` with `aria-valuenow`/`aria-valuemax` in
 * bytes and `aria-valuetext` like "12.3 MB of 60 MB (20%)" ("12.3 MB downloaded" when the total is unknown; ",
 * paused", ", failed"… appended for a status that is not running or done). Put a `FetchProgressIndicator` (and
 * anything else) inside; `asChild` renders it as its child element. Two forms: `fetchId` reads the registration
 * from the store (and renders again only when that one changes); `downloaded`/`downloadTotal`/`status` show given
 * figures and need no provider.
 */
export const FetchProgressRoot = React.forwardRef<HTMLDivElement, FetchProgressRootProps>(
  function FetchProgressRoot(props, forwardedRef) {
    return props.fetchId === undefined ? (
      <ValueRoot ref={forwardedRef} {...props} />
    ) : (
      <ConnectedRoot ref={forwardedRef} {...props} />
    );
  },
);
FetchProgressRoot.displayName = 'FetchProgressRoot';

/** The bar that fills, inside a `FetchProgressRoot`; `data-state` and `data-indeterminate` as on the root. */
export const FetchProgressIndicator = React.forwardRef<
  HTMLDivElement,
  React.ComponentPropsWithoutRef<typeof Progress.Indicator>
>(function FetchProgressIndicator({ style, ...props }, forwardedRef) {
  const progress = React.useContext(ProgressContext);
  if (progress === undefined) throw new Error('FetchProgressIndicator: put it inside a FetchProgressRoot.');
  const { fraction, status } = progress;
  return (
    <Progress.Indicator
      ref={forwardedRef}
      data-bgfetch="progress-indicator"
      data-state={status}
      data-indeterminate={fraction === null ? '' : undefined}
      style={fraction === null ? style : { transform: `translateX(-${100 - fraction * 100}%)`, ...style }}
      {...props}
    />
  );
});
FetchProgressIndicator.displayName = 'FetchProgressIndicator';

/**
 * The whole bar in one: a `FetchProgressRoot` with its `FetchProgressIndicator` first, then `children`. Unstyled:
 * style `[data-state]`. `asChild` renders the root as its single child element and appends the indicator to that
 * child's own children.
 */
export const FetchProgress = React.forwardRef<HTMLDivElement, FetchProgressProps>(function FetchProgress(
  { indicatorClassName, asChild = false, children, ...props },
  forwardedRef,
) {
  const indicator = <FetchProgressIndicator className={indicatorClassName} />;
  if (asChild) {
    if (!React.isValidElement<{ children?: React.ReactNode }>(children)) {
      throw new Error('FetchProgress: `asChild` expects a single React element as its child.');
    }
    return (
      <FetchProgressRoot ref={forwardedRef} asChild {...(props as FetchProgressRootProps)}>
        {React.cloneElement(children, undefined, children.props.children, indicator)}
      </FetchProgressRoot>
    );
  }
  return (
    <FetchProgressRoot ref={forwardedRef} {...(props as FetchProgressRootProps)}>
      {indicator}
      {children}
    </FetchProgressRoot>
  );
});
FetchProgress.displayName = 'FetchProgress';
