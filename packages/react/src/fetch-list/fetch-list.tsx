'use client';

import type { BackgroundFetchClient } from '@bgfetch/core';
import * as React from 'react';
import { FetchCancelButton } from '../fetch-cancel-button/index.js';
import { FetchPauseButton } from '../fetch-pause-button/index.js';
import { FetchProgress } from '../fetch-progress/index.js';
import { FetchRetryButton } from '../fetch-retry-button/index.js';
import { FetchStatus } from '../fetch-status/index.js';
import { useBackgroundFetch, useFetchRegistration } from '../hooks/index.js';
import { LabelsProvider, type PartialLabels, useLabels } from '../labels/index.js';

export interface FetchListProps extends Omit<React.HTMLAttributes<HTMLUListElement>, 'children'> {
  client?: BackgroundFetchClient;
  /** Renders one item's content (inside its `<li>`); default: title, bar, status and the buttons. */
  renderItem?: (fetchId: string) => React.ReactNode;
  /** Shown instead of the list when there is no registration; default `labels.listEmpty` ("No downloads"). */
  empty?: React.ReactNode;
  /** Texts over the provider's, for the list and every item's parts. */
  labels?: PartialLabels;
}

/** The default item: each part subscribes to this one registration only. */
function FetchListItem({ fetchId, client }: { fetchId: string; client: BackgroundFetchClient }) {
  const registration = useFetchRegistration(fetchId, client);
  const titleId = React.useId();
  if (registration === undefined) return null;
  return (
    <>
      <span data-bgfetch="list-title" id={titleId}>
        {registration.title || fetchId}
      </span>
      <FetchProgress fetchId={fetchId} client={client} aria-labelledby={titleId} label={undefined} />
      <FetchStatus fetchId={fetchId} client={client} />
      <FetchPauseButton fetchId={fetchId} client={client} />
      <FetchCancelButton fetchId={fetchId} client={client} />
      <FetchRetryButton fetchId={fetchId} client={client} />
    </>
  );
}

/**
 * Every registration in the store, newest first, as a `<ul>` (named "Downloads" unless you name it). The list
 * renders again only when the set of ids changes; each item follows its own registration.
 */
export const FetchList = React.forwardRef<HTMLUListElement, FetchListProps>(function FetchList(
  { client, renderItem, empty, labels, ...listProps },
  forwardedRef,
) {
  const { ids, client: resolved } = useBackgroundFetch(client);
  const text = useLabels(labels);
  if (ids.length === 0) {
    return <p data-bgfetch="list-empty">{empty ?? text.listEmpty}</p>;
  }
  return (
    <LabelsProvider labels={labels}>
      <ul aria-label={text.list} data-bgfetch="list" {...listProps} ref={forwardedRef}>
        {ids.map((fetchId) => (
          <FetchListRow key={fetchId} fetchId={fetchId} client={resolved}>
            {renderItem ? renderItem(fetchId) : <FetchListItem fetchId={fetchId} client={resolved} />}
          </FetchListRow>
        ))}
      </ul>
    </LabelsProvider>
  );
});
FetchList.displayName = 'FetchList';

function FetchListRow({
  fetchId,
  client,
  children,
}: {
  fetchId: string;
  client: BackgroundFetchClient;
  children: React.ReactNode;
}) {
  const registration = useFetchRegistration(fetchId, client);
  return (
    <li data-bgfetch="list-item" data-state={registration?.status}>
      {children}
    </li>
  );
}
