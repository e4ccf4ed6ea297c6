import { FetchCancelButton, FetchPauseButton, FetchRetryButton } from '@bgfetch/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { lastStoryClient, type StateName, snapshotIn, WithClient } from './fixtures';

/** The three action buttons of one registration, side by side, in each state. */
function FetchActionButtons({ fetchId }: { fetchId: string }) {
  return (
    <div style={{ display: 'flex', gap: '0.5rem' }}>
      <FetchPauseButton fetchId={fetchId} />
      <FetchCancelButton fetchId={fetchId} />
      <FetchRetryButton fetchId={fetchId} />
    </div>
  );
}

const meta = {
  title: 'Components/FetchActionButtons',
  component: FetchActionButtons,
  subcomponents: { FetchPauseButton, FetchCancelButton, FetchRetryButton },
  tags: ['autodocs'],
  args: { fetchId: 'ep12' },
  parameters: { state: 'fetching' as StateName, kind: 'fallback' },
  decorators: [
    (Story, { parameters }) => (
      <WithClient snapshots={[snapshotIn(parameters.state)]} kind={parameters.kind}>
        <Story />
      </WithClient>
    ),
  ],
} satisfies Meta<typeof FetchActionButtons>;

export default meta;
type Story = StoryObj<typeof meta>;

const title = 'Episode 12: Offline first';

/** Which buttons are there and enabled: `true` enabled, `false` disabled, `null` not rendered. */
const buttons =
  (expected: { pause: boolean | null; cancel: boolean; retry: boolean }): Story['play'] =>
  async ({ canvas }) => {
    const cancel = await canvas.findByRole('button', { name: `Cancel download of ${title}` });
    await expect(cancel.hasAttribute('disabled')).toBe(!expected.cancel);
    const retry = canvas.getByRole('button', { name: `Retry download of ${title}` });
    await expect(retry.hasAttribute('disabled')).toBe(!expected.retry);
    const pause = canvas.queryByRole('button', { name: new RegExp(`(Pause|Resume) download of ${title}`) });
    if (expected.pause === null) await expect(pause).toBeNull();
    else await expect(pause?.hasAttribute('disabled')).toBe(!expected.pause);
  };

export const Pending: Story = {
  parameters: { state: 'pending' },
  play: buttons({ pause: true, cancel: true, retry: false }),
};

/** Keyboard: Tab reaches Pause, then Cancel; Enter on Cancel aborts. */
export const Fetching: Story = {
  parameters: { state: 'fetching' },
  play: async (context) => {
    await buttons({ pause: true, cancel: true, retry: false })?.(context);
    await userEvent.tab();
    await expect(context.canvas.getByRole('button', { name: `Pause download of ${title}` })).toHaveFocus();
    await userEvent.tab();
    await expect(context.canvas.getByRole('button', { name: `Cancel download of ${title}` })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(lastStoryClient?.engine.aborted).toEqual(['ep12']));
  },
};

export const FetchingNative: Story = {
  parameters: { state: 'fetching', kind: 'native' },
  play: buttons({ pause: null, cancel: true, retry: false }),
};
export const Paused: Story = {
  parameters: { state: 'paused' },
  play: async (context) => {
    await buttons({ pause: true, cancel: true, retry: false })?.(context);
    await expect(
      context.canvas.getByRole('button', { name: `Resume download of ${title}` }),
    ).toHaveTextContent('Resume');
  },
};
export const Offline: Story = {
  parameters: { state: 'offline' },
  play: buttons({ pause: true, cancel: true, retry: false }),
};
export const Success: Story = {
  parameters: { state: 'success' },
  play: buttons({ pause: false, cancel: false, retry: false }),
};
/** Failed before this page loaded: retry has no requests to send again, so it is disabled. */
export const FailedBadStatus: Story = {
  parameters: { state: 'badStatus' },
  play: buttons({ pause: false, cancel: false, retry: false }),
};
export const Aborted: Story = {
  parameters: { state: 'aborted' },
  play: buttons({ pause: false, cancel: false, retry: false }),
};
