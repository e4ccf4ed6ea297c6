import '@testing-library/jest-dom/vitest';
import type { DownloadsLibrary, StoredDownload } from '@bgfetch/core';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StoredFetchList } from './stored-fetch-list.js';
import { useStorageEstimate } from './use-storage-estimate.js';

afterEach(cleanup);

const download = (id: string, state: StoredDownload['state'], bytes = 12_300_000): StoredDownload => ({
  id,
  title: `Episode ${id}`,
  urls: [`https://cdn.example/${id}.mp3`],
  bytes,
  settledAt: 1,
  state,
});

/** A library over a plain list: the component's logic, not the browser's storage (e2e covers that). */
function fakeLibrary(initial: StoredDownload[]) {
  let downloads = initial;
  const listeners = new Set<() => void>();
  const library: DownloadsLibrary = {
    list: async () => downloads,
    open: async () => undefined,
    delete: vi.fn(async (id: string) => {
      downloads = downloads.filter((item) => item.id !== id);
      for (const listener of listeners) listener();
      return true;
    }),
    bytesUsed: async () => downloads.reduce((sum, item) => sum + item.bytes, 0),
    redownload: vi.fn(async () => {
      throw new DOMException('not here', 'NotSupportedError');
    }),
    storage: async () => ({ persisted: false, usage: 100, quota: 1000 }),
    requestPersistence: vi.fn(async () => true),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return library;
}

describe('StoredFetchList', () => {
  it('lists every stored download with its size and state', async () => {
    render(
      <StoredFetchList library={fakeLibrary([download('a', 'complete'), download('b', 'missing', 0)])} />,
    );
    const list = await screen.findByRole('list', { name: 'Stored downloads' });
    const items = list.querySelectorAll('li');
    expect([...items].map((item) => item.dataset.state)).toEqual(['complete', 'missing']);
    expect(items[0]).toHaveTextContent('Episode a12.3 MBStored');
    expect(screen.getByRole('button', { name: 'Download Episode b again' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Download Episode a again' })).toBeNull();
  });

  it('asks once more before deleting, moving the focus to the question and back', async () => {
    const library = fakeLibrary([download('a', 'complete')]);
    render(<StoredFetchList library={library} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Episode a' }));
    expect(screen.getByRole('button', { name: 'Delete Episode a for good' })).toHaveFocus();
    fireEvent.click(screen.getByRole('button', { name: 'Keep Episode a' }));
    expect(screen.getByRole('button', { name: 'Delete Episode a' })).toHaveFocus();
    expect(library.delete).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Delete Episode a' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Delete Episode a for good' }));
    });
    expect(library.delete).toHaveBeenCalledWith('a');
    expect(await screen.findByText('Nothing is stored on this device')).toBeInTheDocument();
  });

  it('reports a download again that rejects to onError', async () => {
    const onError = vi.fn();
    render(<StoredFetchList library={fakeLibrary([download('b', 'missing', 0)])} onError={onError} />);
    const again = await screen.findByRole('button', { name: 'Download Episode b again' });
    await act(async () => {
      fireEvent.click(again);
    });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ name: 'NotSupportedError' }));
  });

  it('is localised through labels', async () => {
    render(
      <StoredFetchList
        library={fakeLibrary([download('a', 'partial')])}
        labels={{ storedList: 'Téléchargements', storedState: { partial: 'Incomplet' }, locale: 'fr' }}
      />,
    );
    const list = await screen.findByRole('list', { name: 'Téléchargements' });
    expect(list).toHaveTextContent('12,3 MBIncomplet');
  });
});

function Estimate({ library }: { library: DownloadsLibrary }) {
  const { persisted, usage, quota, requestPersistence } = useStorageEstimate(library);
  return (
    <button type="button" onClick={() => void requestPersistence()}>
      {String(persisted)} {usage}/{quota}
    </button>
  );
}

describe('useStorageEstimate', () => {
  it('reads the storage, and asks for persistence', async () => {
    const library = fakeLibrary([]);
    render(<Estimate library={library} />);
    const button = await screen.findByRole('button', { name: 'false 100/1000' });
    await act(async () => {
      fireEvent.click(button);
    });
    expect(library.requestPersistence).toHaveBeenCalled();
  });
});
