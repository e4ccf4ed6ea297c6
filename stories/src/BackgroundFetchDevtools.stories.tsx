import { BackgroundFetchDevtools } from '@bgfetch/react/devtools';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { lastStoryClient, STATES, type StateName, snapshotIn, WithClient } from './fixtures';

const every = Object.keys(STATES) as StateName[];

const meta = {
  title: 'Devtools/BackgroundFetchDevtools',
  component: BackgroundFetchDevtools,
  tags: ['autodocs'],
  args: { enabled: true },
  decorators: [
    (Story) => (
      <WithClient
        snapshots={every.map((state, index) =>
          snapshotIn(state, `ep-${state}`, `Episode ${index + 1}`, index),
        )}
      >
        <Story />
      </WithClient>
    ),
  ],
} satisfies Meta<typeof BackgroundFetchDevtools>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Closed: Story = {
  play: async ({ canvas }) => {
    const toggle = canvas.getByRole('button', { name: 'Background fetch devtools' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    await expect(canvas.getByRole('region', { name: 'Background fetch devtools' })).toBeInTheDocument();
  },
};

/** Every registration, in every state. */
export const Open: Story = {
  args: { initialIsOpen: true },
  play: async ({ canvas }) => {
    const panel = canvas.getByRole('region', { name: 'Background fetch devtools' });
    const table = await within(panel).findByRole('table');
    await expect(within(table).getAllByRole('row')).toHaveLength(every.length + 1);
  },
};

/** A fetch waiting in the fallback's queue: its place in line and its priority, which the select changes. */
export const Queued: Story = {
  args: { initialIsOpen: true },
  play: async ({ canvas }) => {
    const row = (await canvas.findByText('ep-queued')).closest('tr')!;
    await expect(row).toHaveTextContent('place 2 in the queue · normal priority');
    await expect(row).toHaveTextContent('Queued (2nd)');
    const select = within(row).getByRole('combobox', { name: /^Priority of / });
    await userEvent.selectOptions(select, 'high');
    await waitFor(() => expect(lastStoryClient?.engine.prioritised).toEqual([['ep-queued', 'high']]));
    await waitFor(() => expect(row).toHaveTextContent('Queued (2nd, high priority)'));
  },
};

/** A fetch the network policy paused: the reason beside the status. */
export const PausedOnMeteredNetwork: Story = {
  args: { initialIsOpen: true },
  play: async ({ canvas }) => {
    const row = (await canvas.findByText('ep-pausedOnMeteredNetwork')).closest('tr')!;
    await expect(row).toHaveTextContent('paused (metered-network)');
    await expect(row).toHaveTextContent('Paused on a metered network');
  },
};

/** A fetch from a CDN that does not let it resume (`resumable: false`): the panel says a drop restarts it. */
export const NotResumable: Story = {
  args: { initialIsOpen: true },
  decorators: [
    (Story) => (
      <WithClient
        snapshots={[
          {
            ...snapshotIn('fetching', 'ep-cdn', 'Episode from a CDN'),
            requests: [
              {
                url: 'https://cdn.example/episode.mp3',
                method: 'GET',
                downloaded: 4_000_000,
                downloadTotal: 9_000_000,
                status: 200,
                resumable: false,
              },
            ],
          },
        ]}
      >
        <Story />
      </WithClient>
    ),
  ],
  play: async ({ canvas }) => {
    const panel = canvas.getByRole('region', { name: 'Background fetch devtools' });
    await expect(await within(panel).findByText(/not resumable/)).toBeInTheDocument();
  },
};
