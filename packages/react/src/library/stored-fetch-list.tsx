'use client';

import type { DownloadsLibrary, StoredDownload } from '@bgfetch/core';
import * as React from 'react';
import { formatBytes } from '../fetch-progress/format-bytes.js';
import { defaultOnError } from '../internal/action-button.js';
import { type PartialLabels, useLabels } from '../labels/index.js';
import { useDownloadsLibrary } from './use-downloads-library.js';
import { useStoredFetches } from './use-stored-fetches.js';

export interface StoredFetchListProps extends Omit<React.HTMLAttributes<HTMLUListElement>, 'children'> {
  /** The library to show; default: the provider's client's (`useDownloadsLibrary`). */
  library?: DownloadsLibrary;
  /** Texts over the provider's (`storedList`, `storedState`, `delete`, `confirmDelete`, `keep`, `redownload`…). */
  labels?: PartialLabels;
  /** Called when deleting or downloading again rejects; default: `reportError`. */
  onError?: (error: unknown) => void;
}

/**
 * The downloads a user keeps, newest first, as a `<ul>` named "Stored downloads": each with its title, size and
 * state, "Delete" (which asks once more: "Delete for good" or "Keep", the focus moving to the question and back),
 * and "Download again" for one the browser removed (`missing`). `data-state` of each item is its state. Renders
 * nothing until the first read, then `labels.storedListEmpty` when nothing is stored.
 */
export const StoredFetchList = React.forwardRef<HTMLUListElement, StoredFetchListProps>(
  function StoredFetchList({ library: given, labels, onError = defaultOnError, ...listProps }, forwardedRef) {
    const library = useDownloadsLibrary(given);
    const downloads = useStoredFetches(library);
    const text = useLabels(labels);
    if (downloads === undefined) return null;
    if (downloads.length === 0) return <p data-bgfetch="stored-list-empty">{text.storedListEmpty}</p>;
    return (
      <ul aria-label={text.storedList} data-bgfetch="stored-list" {...listProps} ref={forwardedRef}>
        {downloads.map((download) => (
          <StoredFetchItem
            key={download.id}
            download={download}
            library={library}
            labels={labels}
            onError={onError}
          />
        ))}
      </ul>
    );
  },
);
StoredFetchList.displayName = 'StoredFetchList';

function StoredFetchItem({
  download,
  library,
  labels,
  onError,
}: {
  download: StoredDownload;
  library: DownloadsLibrary;
  labels: PartialLabels | undefined;
  onError: (error: unknown) => void;
}) {
  const text = useLabels(labels);
  const [confirming, setConfirming] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  /** Where the focus goes when the question appears or goes: the button that replaced the pressed one. */
  const focusNext = React.useRef<'confirm' | 'delete' | undefined>(undefined);
  const confirmButton = React.useRef<HTMLButtonElement>(null);
  const deleteButton = React.useRef<HTMLButtonElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the question appears or goes
  React.useLayoutEffect(() => {
    const target =
      focusNext.current === 'confirm'
        ? confirmButton
        : focusNext.current === 'delete'
          ? deleteButton
          : undefined;
    focusNext.current = undefined;
    target?.current?.focus();
  }, [confirming]);

  const run = (action: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    action()
      .catch(onError)
      .finally(() => setBusy(false));
  };
  const { title } = download;
  return (
    <li data-bgfetch="stored-item" data-state={download.state} data-busy={busy ? '' : undefined}>
      <span data-bgfetch="stored-title">{title}</span>
      <span data-bgfetch="stored-size">{formatBytes(download.bytes, text.locale)}</span>
      <span data-bgfetch="stored-state">{text.storedState[download.state]}</span>
      {download.state === 'missing' ? (
        <button
          type="button"
          data-bgfetch="stored-redownload"
          aria-label={text.redownloadName(title)}
          onClick={() => run(() => library.redownload(download.id))}
        >
          {text.redownload}
        </button>
      ) : null}
      {confirming ? (
        <>
          <button
            ref={confirmButton}
            type="button"
            data-bgfetch="stored-confirm-delete"
            aria-label={text.confirmDeleteName(title)}
            onClick={() => run(() => library.delete(download.id))}
          >
            {text.confirmDelete}
          </button>
          <button
            type="button"
            data-bgfetch="stored-keep"
            aria-label={text.keepName(title)}
            onClick={() => {
              focusNext.current = 'delete';
              setConfirming(false);
            }}
          >
            {text.keep}
          </button>
        </>
      ) : (
        <button
          ref={deleteButton}
          type="button"
          data-bgfetch="stored-delete"
          aria-label={text.deleteName(title)}
          onClick={() => {
            focusNext.current = 'confirm';
            setConfirming(true);
          }}
        >
          {text.delete}
        </button>
      )}
    </li>
  );
}
