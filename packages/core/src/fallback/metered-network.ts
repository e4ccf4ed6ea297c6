/**
 * What the browser tells of the connection: Chromium's `navigator.connection` (the page's and a dedicated
 * worker's), whose `type` exists where Chromium exposes it (Android, ChromeOS; docs/browsers.md) and whose
 * `saveData` is the user's wish to save data. Firefox and WebKit have neither: there the connection is never
 * metered, and a fetch's `network: 'unmetered'` changes nothing.
 */
interface NetworkInformation extends EventTarget {
  readonly type?: string;
  readonly saveData?: boolean;
}

function connection(): NetworkInformation | undefined {
  return (globalThis.navigator as { connection?: NetworkInformation } | undefined)?.connection;
}

/** The browser tells the connection's type: `capabilities.networkPolicy`. */
export function tellsConnectionType(): boolean {
  return typeof connection()?.type === 'string';
}

/** The connection costs the user by the byte, as far as the browser tells: cellular, or saving data. */
export function isMetered(): boolean {
  const info = connection();
  return info?.type === 'cellular' || info?.saveData === true;
}

/** Calls `listener` at each change of the connection; returns the unsubscribe. */
export function watchConnection(listener: () => void): () => void {
  const info = connection();
  info?.addEventListener('change', listener);
  return () => info?.removeEventListener('change', listener);
}
