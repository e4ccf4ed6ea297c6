import { DEFAULT_RECORDS_CACHE, type RegistrationSnapshot } from '@bgfetch/core';
import { BackgroundFetchProvider, DownloadButton, FetchStatus, useFetchRegistration } from '@bgfetch/react';
import { createElement, Fragment } from 'react';
import { createRoot } from 'react-dom/client';
import type { ReactProviderApi } from './api';

const errors: string[] = [];
let seen: RegistrationSnapshot | undefined;

/** Keeps the snapshot the hooks give, for the spec to read. */
function SnapshotProbe({ fetchId }: { fetchId: string }) {
  seen = useFetchRegistration(fetchId);
  return null;
}

// Plain createElement: the pages' build has no JSX transform configured.
window.reactProvider = {
  render(url, withReady) {
    const root = document.getElementById('root');
    if (root === null) throw new Error('react-provider: no #root');
    const button = createElement(
      Fragment,
      null,
      createElement(DownloadButton, {
        fetchId: 'episode',
        requests: url,
        options: { title: 'Episode' },
        onError: (error: unknown) =>
          errors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
      }),
      createElement(FetchStatus, { fetchId: 'episode' }),
      createElement(SnapshotProbe, { fetchId: 'episode' }),
    );
    createRoot(root).render(
      withReady
        ? createElement(
            BackgroundFetchProvider,
            { options: { serviceWorker: navigator.serviceWorker.ready } },
            button,
          )
        : createElement(BackgroundFetchProvider, null, button),
    );
  },
  state: () => document.querySelector('[data-bgfetch="download"]')?.getAttribute('data-state') ?? null,
  statusText: () => document.querySelector('[data-bgfetch="status"]')?.textContent ?? null,
  snapshot: () => seen,
  clickDownload() {
    const start = document.querySelector<HTMLButtonElement>('[data-bgfetch="download-start"]');
    if (start === null) throw new Error('react-provider: no Download button');
    start.click();
  },
  errors: () => [...errors],
  async recordBytes(url) {
    const response = await (await caches.open(DEFAULT_RECORDS_CACHE)).match(url);
    return response === undefined ? null : (await response.arrayBuffer()).byteLength;
  },
} satisfies ReactProviderApi;
