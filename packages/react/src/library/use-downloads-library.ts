'use client';

import { type BackgroundFetchClient, createDownloadsLibrary, type DownloadsLibrary } from '@bgfetch/core';
import { useClientInContext } from '../provider/index.js';

/** One library per client, shared by every hook and component that reads it. */
const libraries = new WeakMap<BackgroundFetchClient, DownloadsLibrary>();

/**
 * `library` when given, else core's downloads library over the provider's client (`createDownloadsLibrary({ client })`,
 * the default records cache), one per client. Give your own (`createDownloadsLibrary({ client, cacheName })`) when
 * the service worker stores into another cache. The hooks below are subscriptions to it.
 *
 * @throws when there is neither a library nor a provider.
 */
export function useDownloadsLibrary(library?: DownloadsLibrary): DownloadsLibrary {
  const client = useClientInContext();
  if (library !== undefined) return library;
  if (client === undefined) {
    throw new Error(
      'bgfetch: no downloads library. Wrap the tree in <BackgroundFetchProvider> or pass a library.',
    );
  }
  let made = libraries.get(client);
  if (made === undefined) {
    made = createDownloadsLibrary({ client });
    libraries.set(client, made);
  }
  return made;
}
