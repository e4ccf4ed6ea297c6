import { FetchList } from '@bgfetch/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { STATES, type StateName, snapshotIn, WithClient } from './fixtures';

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
          snapshotIn(state, `ep-${state}`, `Episode ${index + 1} (${state})`, index),
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

export const Empty: Story = {
  parameters: { states: [] },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('No downloads')).toBeInTheDocument();
  },
};
