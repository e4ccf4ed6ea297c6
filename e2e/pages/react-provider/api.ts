/**
 * The React quick start as a newcomer writes it: `<BackgroundFetchProvider>` with no options (or only
 * `serviceWorker: navigator.serviceWorker.ready`, on a page that registers none) and a `<DownloadButton>`.
 */
import type { RegistrationSnapshot } from '@bgfetch/core';

export interface ReactProviderApi {
  /**
   * Renders the provider, one DownloadButton for `url` and its FetchStatus; `withReady` passes
   * `serviceWorker: …ready`.
   */
  render(url: string, withReady: boolean): void;
  /** The button root's `data-state` (`idle` or the fetch's status), or null before it renders. */
  state(): string | null;
  /** The FetchStatus text, or null before the fetch is in the store. */
  statusText(): string | null;
  /** The fetch's snapshot as the provider's hooks see it. */
  snapshot(): RegistrationSnapshot | undefined;
  /** Presses "Download". */
  clickDownload(): void;
  /** What `onError` received, as `Name: message`. */
  errors(): string[];
  /** Bytes of the record in the default records cache, or null. */
  recordBytes(url: string): Promise<number | null>;
}

declare global {
  interface Window {
    reactProvider: ReactProviderApi;
  }
}
