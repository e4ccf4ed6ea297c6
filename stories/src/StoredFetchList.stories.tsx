import type { StoredDownload } from '@bgfetch/core';
import { memoryLibrary } from '@bgfetch/core/testing';
import { StoredFetchList } from '@bgfetch/react/library';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';

const stored = (
  id: string,
  title: string,
  state: StoredDownload['state'],
  bytes: number,
): StoredDownload => ({
  id,
  title,
  urls: [`https://cdn.example/${id}.mp3`],
  bytes,
  settledAt: 1,
  state,
});

const everyState = [
  stored('ep3', 'Episode 3: Offline first', 'complete', 58_400_000),
  stored('ep2', 'Episode 2: Range requests', 'partial', 12_300_000),
  stored('ep1', 'Episode 1: Hello', 'missing', 0),
];

const meta = {
  title: 'Library/StoredFetchList',
  component: StoredFetchList,
  tags: ['autodocs'],
  args: { library: memoryLibrary(everyState) },
} satisfies Meta<typeof StoredFetchList>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A download in each state: stored, partly stored after a failure, and removed by the browser. */
export const EveryState: Story = {
  args: { library: memoryLibrary(everyState) },
  play: async ({ canvas }) => {
    const list = await canvas.findByRole('list', { name: 'Stored downloads' });
    const items = within(list).getAllByRole('listitem');
    await expect(items.map((item) => item.dataset.state)).toEqual(['complete', 'partial', 'missing']);
    await expect(items[0]).toHaveTextContent('58.4 MB');
    await expect(canvas.getByRole('button', { name: 'Download again: Episode 1: Hello' })).toBeVisible();
  },
};

/** Delete asks once more; "Keep" takes the question back, "Delete for good" removes the download. */
export const Deleting: Story = {
  args: { library: memoryLibrary(everyState) },
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Delete Episode 3: Offline first' }));
    const confirm = canvas.getByRole('button', { name: 'Delete for good: Episode 3: Offline first' });
    await expect(confirm).toHaveFocus();
    await userEvent.click(confirm);
    await expect(canvas.queryByText('Episode 3: Offline first')).toBeNull();
  },
};

/** Nothing stored yet. */
export const Empty: Story = {
  args: { library: memoryLibrary([]) },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Nothing is stored on this device')).toBeVisible();
  },
};

/** In French, through `labels`. */
export const Localised: Story = {
  args: {
    library: memoryLibrary(everyState),
    labels: {
      locale: 'fr',
      storedList: 'Téléchargements',
      storedState: { complete: 'Enregistré', partial: 'Incomplet', missing: 'Supprimé par le navigateur' },
      delete: 'Supprimer',
      deleteName: (title) => `Supprimer ${title}`,
      redownload: 'Télécharger à nouveau',
      redownloadName: (title) => `Télécharger à nouveau : ${title}`,
    },
  },
  play: async ({ canvas }) => {
    const list = await canvas.findByRole('list', { name: 'Téléchargements' });
    await expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent('58,4 MBEnregistré');
  },
};
