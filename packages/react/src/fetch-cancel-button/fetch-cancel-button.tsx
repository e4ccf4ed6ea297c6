'use client';

import * as React from 'react';
import {
  type DescribeAction,
  type FetchActionButtonProps,
  RegistrationButton,
} from '../internal/action-button.js';

export type FetchCancelButtonProps = FetchActionButtonProps;

const describe: DescribeAction = (registration, labels, name) => ({
  action: registration.abort,
  unavailable: registration.settled,
  name: labels.cancelName(name),
  text: labels.cancel,
});

/**
 * Aborts the fetch `fetchId`. Named "Cancel download of <title>", shows "Cancel" (`labels.cancelName`,
 * `labels.cancel`); disabled once the fetch has settled; renders nothing for an unknown id. `data-state` is the
 * fetch's status.
 */
export const FetchCancelButton = React.forwardRef<HTMLButtonElement, FetchCancelButtonProps>(
  function FetchCancelButton(props, forwardedRef) {
    return <RegistrationButton ref={forwardedRef} part="cancel-button" describe={describe} {...props} />;
  },
);
FetchCancelButton.displayName = 'FetchCancelButton';
