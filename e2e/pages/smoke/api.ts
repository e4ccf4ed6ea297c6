/** What the smoke page offers its spec, as `window.smoke`. */
export interface SmokeApi {
  /** Registers sw.js and resolves with its script URL once it controls this page and is activated. */
  controlledByServiceWorker(): Promise<string>;
  /** Asks the controlling service worker to answer; resolves with its reply. */
  pingServiceWorker(): Promise<string>;
  /** Downloads `url` in a module worker, `chunk` bytes per `Range` request; the bytes' SHA-256 and each reply. */
  download(request: DownloadRequest): Promise<DownloadResult>;
}

export interface DownloadRequest {
  url: string;
  size: number;
  chunk: number;
}

export interface DownloadResult {
  sha256: string;
  responses: { status: number; contentRange: string | null; bytes: number }[];
}

/** The message the page sends the service worker, and its answer: shared, so the worker bundle has an import. */
export const PING = 'smoke:ping';
export const PONG = 'smoke:pong';

declare global {
  interface Window {
    smoke: SmokeApi;
  }
}
