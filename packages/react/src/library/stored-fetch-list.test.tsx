import '@testing-library/jest-dom/vitest';
import type { DownloadsLibrary, StoredDownload } from '@bgfetch/core';
import { memoryLibrary } from '@bgfetch/core/testing';
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

describe('StoredFetchList', () => {
  it('lists every stored download with its size and state', async () => {
    render(
      <StoredFetchList library={memoryLibrary([download('a', 'complete'), download('b', 'missing', 0)])} />,
    );
    const list = await screen.findByRole('list', { name: 'Stored downloads' });
    const items = list.querySelectorAll('li');
    expect([...items].map((item) => item.dataset.state)).toEqual(['complete', 'missing']);
    expect(items[0]).toHaveTextContent('Episode a12.3 MBStored');
    expect(screen.getByRole('button', { name: 'Download again: Episode b' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Download again: Episode a' })).toBeNull();
  });

  it('asks once more before deleting, moving the focus to the question and back', async () => {
    const library = memoryLibrary([download('a', 'complete')]);
    const deleted = vi.spyOn(library, 'delete');
    render(<StoredFetchList library={library} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Episode a' }));
    expect(screen.getByRole('button', { name: 'Delete for good: Episode a' })).toHaveFocus();
    fireEvent.click(screen.getByRole('button', { name: 'Keep Episode a' }));
    expect(screen.getByRole('button', { name: 'Delete Episode a' })).toHaveFocus();
    expect(deleted).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Delete Episode a' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Delete for good: Episode a' }));
    });
    expect(deleted).toHaveBeenCalledWith('a');
    expect(await screen.findByText('Nothing is stored on this device')).toBeInTheDocument();
  });

  it('reports a download again that rejects to onError', async () => {
    const onError = vi.fn();
    render(
      <StoredFetchList
        library={memoryLibrary([download('b', 'missing', 0)], {
          redownloadError: new DOMException('not here', 'NotSupportedError'),
        })}
        onError={onError}
      />,
    );
    const again = await screen.findByRole('button', { name: 'Download again: Episode b' });
    await act(async () => {
      fireEvent.click(again);
    });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ name: 'NotSupportedError' }));
  });

  it('is localised through labels', async () => {
    render(
      <StoredFetchList
        library={memoryLibrary([download('a', 'partial')])}
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
    const library = memoryLibrary([], { storage: { persisted: false, usage: 100, quota: 1000 } });
    render(<Estimate library={library} />);
    const button = await screen.findByRole('button', { name: 'false 100/1000' });
    await act(async () => {
      fireEvent.click(button);
    });
    expect(await screen.findByRole('button', { name: 'true 100/1000' })).toBeInTheDocument();
  });
});
