import '@testing-library/jest-dom/vitest';
import type { DownloadsLibrary } from '@bgfetch/core';
import { memoryLibrary } from '@bgfetch/core/testing';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useStoredResponse } from './use-stored-response.js';

const made: string[] = [];
const revoked: string[] = [];

beforeEach(() => {
  made.length = 0;
  revoked.length = 0;
  // jsdom has no object URLs: these stand in, so the test sees which were made and which were given back.
  vi.stubGlobal(
    'URL',
    Object.assign(URL, {
      createObjectURL: () => {
        made.push(`blob:test/${made.length}`);
        return made.at(-1);
      },
      revokeObjectURL: (url: string) => void revoked.push(url),
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function Player({ library }: { library: DownloadsLibrary }) {
  const stored = useStoredResponse('ep1', undefined, library);
  return <output>{stored === undefined ? 'none' : `${stored.url} ${stored.response.status}`}</output>;
}

const ep1 = {
  id: 'ep1',
  title: 'Episode 1',
  urls: ['https://cdn.example/ep1.mp3'],
  bytes: 3,
  settledAt: 1,
  state: 'complete' as const,
};

describe('useStoredResponse', () => {
  it('gives the stored record and an object URL, revoked on unmount', async () => {
    const { unmount } = render(<Player library={memoryLibrary([ep1], { bodies: { ep1: 'abc' } })} />);
    expect(await screen.findByText('blob:test/0 200')).toBeInTheDocument();
    unmount();
    expect(revoked).toEqual(['blob:test/0']);
  });

  it('is undefined when nothing is stored, and again once the download is deleted', async () => {
    const library = memoryLibrary([ep1], { bodies: { ep1: 'abc' } });
    render(<Player library={library} />);
    expect(await screen.findByText('blob:test/0 200')).toBeInTheDocument();
    await act(async () => {
      await library.delete('ep1');
    });
    expect(await screen.findByText('none')).toBeInTheDocument();
    expect(revoked).toEqual(['blob:test/0']);
  });
});
