import { DEFAULT_RECORDS_CACHE } from '@bgfetch/core';
import { BackgroundFetchProvider, DownloadButton } from '@bgfetch/react';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import type { ReactProviderApi } from './api';

const errors: string[] = [];

// Plain createElement: the pages' build has no JSX transform configured.
window.reactProvider = {
  render(url, withReady) {
    const root = document.getElementById('root');
    if (root === null) throw new Error('react-provider: no #root');
    const button = createElement(DownloadButton, {
      fetchId: 'episode',
      requests: url,
      options: { title: 'Episode' },
      onError: (error: unknown) =>
        errors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
    });
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
