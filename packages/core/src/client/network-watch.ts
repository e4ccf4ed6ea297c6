/**
 * Calls `listener` with the page's view of the network on each `online` / `offline` event; returns the
 * unsubscribe. Where there is no global event target (a server render) it listens to nothing.
 */
export function watchNetwork(listener: (online: boolean) => void): () => void {
  const online = () => listener(true);
  const offline = () => listener(false);
  globalThis.addEventListener?.('online', online);
  globalThis.addEventListener?.('offline', offline);
  return () => {
    globalThis.removeEventListener?.('online', online);
    globalThis.removeEventListener?.('offline', offline);
  };
}
