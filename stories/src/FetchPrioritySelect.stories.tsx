import { FetchPrioritySelect } from '@bgfetch/react/priority';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { lastStoryClient, type StateName, snapshotIn, WithClient } from './fixtures';

/** The priority of `ep12` in each state; the fallback has a queue, the native engine none. */
const meta = {
  title: 'Components/FetchPrioritySelect',
  component: FetchPrioritySelect,
  tags: ['autodocs'],
  args: { fetchId: 'ep12' },
  parameters: { state: 'queued' as StateName, kind: 'fallback' },
  decorators: [
    (Story, { parameters }) => (
      <WithClient snapshots={[snapshotIn(parameters.state)]} kind={parameters.kind}>
        <Story />
      </WithClient>
    ),
  ],
} satisfies Meta<typeof FetchPrioritySelect>;

export default meta;
type Story = StoryObj<typeof meta>;

const name = 'Priority of Episode 12: Offline first';

const shows = (state: StateName, priority: string): Story => ({
  parameters: { state },
  play: async ({ canvas }) => {
    const select = await canvas.findByRole('combobox', { name });
    await expect(select).toHaveValue(priority);
    await expect(select).toHaveAttribute('data-state', priority);
  },
});

export const Normal = shows('queued', 'normal');
export const High = shows('queuedHigh', 'high');
export const Low = shows('queuedLow', 'low');
/** A running fetch keeps its priority: it matters when a higher one arrives while the queue is full. */
export const Fetching = shows('fetching', 'normal');

/** Choosing with the keyboard asks the engine; the select then shows what the engine reports. */
export const ChangeWithTheKeyboard: Story = {
  play: async ({ canvas }) => {
    const select = await canvas.findByRole('combobox', { name });
    await userEvent.selectOptions(select, 'High priority');
    await waitFor(() => expect(lastStoryClient?.engine.prioritised).toEqual([['ep12', 'high']]));
    await waitFor(() => expect(select).toHaveValue('high'));
  },
};

/** The native Background Fetch API has no queue: there is nothing to choose, so nothing is rendered. */
export const NativeEngine: Story = {
  parameters: { kind: 'native', state: 'fetching' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(lastStoryClient?.client.engine).toBe('native'));
    await expect(canvasElement.querySelector('select')).toBeNull();
  },
};

/** Localised through `labels`: the options and the name. */
export const Localised: Story = {
  args: {
    labels: {
      priority: { high: 'Priorité haute', normal: 'Priorité normale', low: 'Priorité basse' },
      priorityName: (title) => `Priorité de ${title}`,
    },
    lang: 'fr',
  },
  play: async ({ canvas }) => {
    const select = await canvas.findByRole('combobox', { name: 'Priorité de Episode 12: Offline first' });
    await expect(select).toHaveTextContent('Priorité hautePriorité normalePriorité basse');
  },
};
