import { FetchList } from '@bgfetch/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { lastStoryClient, STATES, type StateName, snapshotIn, WithClient } from './fixtures';

const every = Object.keys(STATES) as StateName[];

const meta = {
  title: 'Components/FetchList',
  component: FetchList,
  tags: ['autodocs'],
  parameters: { states: every },
  decorators: [
    (Story, { parameters }) => (
      <WithClient
        snapshots={(parameters.states as StateName[]).map((state, index) =>
          snapshotIn(state, `ep-${index + 1}`, `Episode ${index + 1} (${state})`, index),
        )}
      >
        <div style={{ width: '28rem' }}>
          <Story />
        </div>
      </WithClient>
    ),
  ],
} satisfies Meta<typeof FetchList>;

export default meta;
type Story = StoryObj<typeof meta>;

/** One registration in every state, newest first. */
export const EveryState: Story = {
  play: async ({ canvas }) => {
    const list = await canvas.findByRole('list', { name: 'Downloads' });
    const items = within(list).getAllByRole('listitem');
    await expect(items.map((item) => item.dataset.state)).toEqual(
      [...every].reverse().map((state) => STATES[state].status ?? 'pending'),
    );
  },
};

/**
 * The fallback's queue: two fetches waiting (high priority first in line, low last) and one paused by the network
 * policy. Each status says its place, its priority when not normal, or why it is paused.
 */
export const Queue: Story = {
  parameters: { states: ['pausedOnMeteredNetwork', 'queuedLow', 'queuedHigh'] },
  play: async ({ canvas }) => {
    const list = await canvas.findByRole('list', { name: 'Downloads' });
    await expect(
      within(list)
        .getAllByRole('status')
        .map((status) => status.textContent),
    ).toEqual([
      'Queued (1st, high priority)',
      'Queued (4th, low priority)',
      'Paused on a metered network: resumes on Wi-Fi',
    ]);
  },
};

export const Empty: Story = {
  parameters: { states: [] },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('No downloads')).toBeInTheDocument();
  },
};

/** Twenty downloads, cycling through every state. */
export const TwentyDownloads: Story = {
  parameters: { states: Array.from({ length: 20 }, (_, index) => every[index % every.length]) },
  play: async ({ canvas }) => {
    const list = await canvas.findByRole('list', { name: 'Downloads' });
    await expect(within(list).getAllByRole('listitem')).toHaveLength(20);
    const bar = within(list).getByRole('progressbar', { name: 'Episode 2 (fetching)' });
    await expect(bar).toHaveAttribute('aria-valuetext', '12.3 MB of 60 MB (20%)');
  },
};

/** The list follows the simulated engine's clock: 10 simulated seconds at 1 MB/s move the running downloads on. */
export const Ticking: Story = {
  parameters: { states: ['pending', 'fetching', 'fetchingUnknownTotal'] },
  play: async ({ canvas }) => {
    const fetching = await canvas.findByRole('progressbar', { name: 'Episode 2 (fetching)' });
    const unknown = canvas.getByRole('progressbar', { name: 'Episode 3 (fetchingUnknownTotal)' });
    lastStoryClient?.engine.advance(10_000);
    await waitFor(() => expect(fetching).toHaveAttribute('aria-valuetext', '22.3 MB of 60 MB (37%)'));
    await expect(unknown).toHaveAttribute('aria-valuetext', '22.3 MB downloaded');
    await expect(canvas.getByRole('progressbar', { name: 'Episode 1 (pending)' })).toHaveAttribute(
      'aria-valuetext',
      '0 B of 60 MB (0%)',
    );
  },
};
