import { formatBytes } from '@bgfetch/react';
import { StoredFetchList, useStorageEstimate } from '@bgfetch/react/library';

/**
 * What this device keeps: the storage used of the quota, whether the browser may evict it (with a button to ask it
 * not to), and every stored episode with its size, Delete, and "Download again" for one the browser removed.
 */
export function Downloads() {
  const { usage, quota, persisted, requestPersistence } = useStorageEstimate();
  return (
    <section className="downloads" aria-labelledby="downloads-title">
      <h2 id="downloads-title">Downloads</h2>
      {usage !== undefined && quota !== undefined ? (
        <p className="storage">
          <meter min={0} max={quota} value={usage} aria-label="Storage used">
            {formatBytes(usage)}
          </meter>{' '}
          {formatBytes(usage)} of {formatBytes(quota)} used
        </p>
      ) : null}
      <p className="persistence" data-persisted={persisted ?? false}>
        {persisted
          ? 'Kept: the browser will not remove these downloads to free space.'
          : 'The browser may remove these downloads when space runs low.'}{' '}
        {persisted === false ? (
          <button type="button" onClick={() => void requestPersistence()}>
            Keep them
          </button>
        ) : null}
      </p>
      <StoredFetchList />
    </section>
  );
}
