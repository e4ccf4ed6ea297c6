'use client';

import type { BackgroundFetchClient } from '@bgfetch/core';
import { Slot } from '@radix-ui/react-slot';
import * as React from 'react';
import { type FetchRegistration, useFetchRegistration } from '../hooks/index.js';
import { type BackgroundFetchLabels, type PartialLabels, useLabels } from '../labels/index.js';

/** Props every action button takes, besides those of `<button>`. */
export interface FetchActionButtonProps
  extends Omit<React.ButtonHTMLAttributes<HTMLButtonElement>, 'children' | 'onError'> {
  /** The registration's id (`fetchId`, so that the button's own DOM `id` stays free). */
  fetchId: string;
  /** The client to read from, instead of the nearest `BackgroundFetchProvider`'s. */
  client?: BackgroundFetchClient;
  /** Render as the single child element (Radix Slot semantics), e.g. a design system's button or a link. */
  asChild?: boolean;
  /** The visible content; a function gets the registration (e.g. to say "Pause" or "Resume"). */
  children?: React.ReactNode | ((registration: FetchRegistration) => React.ReactNode);
  /** Called when the action rejects; default: `reportError` (the console). */
  onError?: (error: unknown) => void;
  /** Texts over the provider's: the button's name and visible text. */
  labels?: PartialLabels;
}

/** Where a failed action goes when the app gave no `onError`: the page's error reporting (the console). */
export const defaultOnError = (error: unknown) => {
  (globalThis.reportError ?? console.error)(error);
};

/** The fetch's title for a button's name, or its id when the engine does not know the title. */
const nameOf = (registration: FetchRegistration) => registration.title || registration.id;

/** What one action button does for a registration, given the labels in effect and the fetch's name. */
export interface ButtonAction {
  action: () => Promise<unknown>;
  /** The action does not apply now: the button is disabled. */
  unavailable: boolean;
  /** The accessible name. */
  name: string;
  /** The visible text, unless the app gives children. */
  text: string;
}

/** How one kit button describes itself: `undefined` renders nothing. */
export type DescribeAction = (
  registration: FetchRegistration,
  labels: BackgroundFetchLabels,
  name: string,
) => ButtonAction | undefined;

/**
 * One of the kit's action buttons: a real `<button type="button">` (or the `asChild` element) that reads the
 * registration `fetchId` (rendering nothing for an unknown id) and runs the action `describe` gives. It is disabled
 * when the action does not apply, but not while the action runs (a disabled button would drop the keyboard focus):
 * clicks are ignored then, and `data-busy` is set.
 */
export const RegistrationButton = React.forwardRef<
  HTMLButtonElement,
  FetchActionButtonProps & { part: string; describe: DescribeAction }
>(function RegistrationButton(
  {
    fetchId,
    client,
    children,
    labels,
    part,
    describe,
    asChild = false,
    disabled,
    onClick,
    onError = defaultOnError,
    'aria-label': ariaLabel,
    ...buttonProps
  },
  forwardedRef,
) {
  const registration = useFetchRegistration(fetchId, client);
  const text = useLabels(labels);
  const [busy, setBusy] = React.useState(false);
  const running = React.useRef(false);

  const described = registration && describe(registration, text, nameOf(registration));
  if (registration === undefined || described === undefined) return null;

  const handleClick = (event: React.MouseEvent<HTMLButtonElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || running.current) return;
    running.current = true;
    setBusy(true);
    described
      .action()
      .catch(onError)
      .finally(() => {
        running.current = false;
        // After an unmount this does nothing (React 18 and later, the versions this package supports).
        setBusy(false);
      });
  };

  const unavailable = disabled || described.unavailable;
  const Component = asChild ? Slot : 'button';
  return (
    <Component
      type={asChild ? undefined : 'button'}
      aria-label={ariaLabel ?? described.name}
      disabled={unavailable}
      data-bgfetch={part}
      data-state={registration.status}
      data-busy={busy ? '' : undefined}
      data-disabled={unavailable ? '' : undefined}
      {...buttonProps}
      ref={forwardedRef}
      onClick={handleClick}
    >
      {typeof children === 'function' ? children(registration) : (children ?? described.text)}
    </Component>
  );
});
