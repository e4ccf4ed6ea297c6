import { DownloadButton } from '@bgfetch/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import { EPISODE_URL, lastStoryClient, MB, type StateName, snapshotIn, WithClient } from './fixtures';

/** A story per state: the registration `ep12` is in the store in that state (none for `Idle`). */
const meta = {
  title: 'Components/DownloadButton',
  component: DownloadButton,
  tags: ['autodocs'],
  args: {
    fetchId: 'ep12',
    requests: 'https://cdn.example/episode-12.mp3',
    options: { title: 'Episode 12: Offline first', downloadTotal: 60 * MB },
    onOpen: fn(),
    onError: fn(),
  },
  parameters: { state: undefined as StateName | undefined, kind: 'fallback' },
  decorators: [
    (Story, { parameters }) => (
      <WithClient snapshots={parameters.state ? [snapshotIn(parameters.state)] : []} kind={parameters.kind}>
        <div className="bgf-story">
          <Story />
        </div>
      </WithClient>
    ),
  ],
} satisfies Meta<typeof DownloadButton>;

export default meta;
type Story = StoryObj<typeof meta>;

const title = 'Episode 12: Offline first';

/** Nothing downloaded yet: Enter on the focused button starts the fetch. */
export const Idle: Story = {
  play: async ({ canvas }) => {
    const start = canvas.getByRole('button', { name: `Download ${title}` });
    await userEvent.tab();
    await expect(start).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(lastStoryClient?.engine.started.map((job) => job.id)).toEqual(['ep12']));
    // The pressed button is gone: the focus moves to Cancel instead of being lost.
    await waitFor(() =>
      expect(canvas.getByRole('button', { name: `Cancel download of ${title}` })).toHaveFocus(),
    );
  },
};

const running =
  (valueText: string): Story['play'] =>
  async ({ canvas }) => {
    const bar = await canvas.findByRole('progressbar', { name: title });
    await expect(bar).toHaveAttribute('aria-valuetext', valueText);
    await expect(canvas.getByRole('button', { name: `Cancel download of ${title}` })).toBeEnabled();
  };

export const Pending: Story = {
  parameters: { state: 'pending' },
  play: running('0 B of 60 MB (0%), queued'),
};

/** Space on the focused Pause button pauses the fetch (the fallback engine can pause). */
export const Fetching: Story = {
  parameters: { state: 'fetching' },
  play: async (context) => {
    await running('12.3 MB of 60 MB (20%)')?.(context);
    const pause = context.canvas.getByRole('button', { name: `Pause download of ${title}` });
    pause.focus();
    await userEvent.keyboard(' ');
    await waitFor(() => expect(lastStoryClient?.engine.paused).toEqual(['ep12']));
  },
};

export const FetchingUnknownTotal: Story = {
  parameters: { state: 'fetchingUnknownTotal' },
  play: running('12.3 MB downloaded'),
};

export const Paused: Story = {
  parameters: { state: 'paused' },
  play: async (context) => {
    await running('30 MB of 60 MB (50%), paused')?.(context);
    await expect(context.canvas.getByRole('status')).toHaveTextContent('Paused');
    await expect(context.canvas.getByRole('button', { name: `Resume download of ${title}` })).toBeEnabled();
  },
};

/** Waiting in the fallback's queue: the status says its place, and its priority when it is not normal. */
export const Queued: Story = {
  parameters: { state: 'queuedHigh' },
  play: async (context) => {
    await running('0 B of 60 MB (0%), queued')?.(context);
    await expect(context.canvas.getByRole('status')).toHaveTextContent('Queued (1st, high priority)');
  },
};

/** Paused by the network policy, not by the user: the status says why, and Resume is still offered. */
export const PausedOnMeteredNetwork: Story = {
  parameters: { state: 'pausedOnMeteredNetwork' },
  play: async (context) => {
    await running('18 MB of 60 MB (30%), paused')?.(context);
    await expect(context.canvas.getByRole('status')).toHaveTextContent('Paused on a metered network');
    await expect(context.canvas.getByRole('button', { name: `Resume download of ${title}` })).toBeEnabled();
  },
};

export const Offline: Story = {
  parameters: { state: 'offline' },
  play: async (context) => {
    await running('45.6 MB of 60 MB (76%), waiting for the network')?.(context);
    await expect(context.canvas.getByRole('status')).toHaveTextContent('Offline');
  },
};

/** On the native engine there is no pause button: Background Fetch cannot pause. */
export const FetchingNative: Story = {
  parameters: { state: 'fetching', kind: 'native' },
  play: async (context) => {
    await running('12.3 MB of 60 MB (20%)')?.(context);
    await expect(context.canvas.queryByRole('button', { name: /Pause/ })).not.toBeInTheDocument();
  },
};

export const Success: Story = {
  parameters: { state: 'success' },
  play: async ({ canvas, args }) => {
    const open = await canvas.findByRole('button', { name: `Open ${title}` });
    await userEvent.click(open);
    await expect(args.onOpen).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'ep12', status: 'success' }),
    );
  },
};

const failed =
  (text: string): Story['play'] =>
  async ({ canvas }) => {
    await expect(await canvas.findByRole('status')).toHaveTextContent(text);
    // Never started through this client, so no requests are kept to retry with: the button says so by being disabled.
    await expect(canvas.getByRole('button', { name: `Retry download of ${title}` })).toBeDisabled();
  };

export const FailedBadStatus: Story = {
  parameters: { state: 'badStatus' },
  play: failed(`404 for ${EPISODE_URL}`),
};
export const FailedFetchError: Story = {
  parameters: { state: 'fetchError' },
  play: failed('the network or the file was not right'),
};
export const FailedQuotaExceeded: Story = {
  parameters: { state: 'quotaExceeded' },
  play: failed('not enough storage space'),
};
export const FailedDownloadTotalExceeded: Story = {
  parameters: { state: 'downloadTotalExceeded' },
  play: failed('larger than expected'),
};

/** A cancelled download offers to download again. */
export const Aborted: Story = {
  parameters: { state: 'aborted' },
  play: async ({ canvas, canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('[data-bgfetch="download"]')).toBeTruthy());
    await expect(canvas.getByRole('button', { name: `Download ${title}` })).toBeEnabled();
  },
};

/**
 * Live: Download starts the fetch on the simulated engine, whose clock the play function moves on (1 MB a
 * simulated second), so the bar fills deterministically; at the end the button offers Open.
 */
export const LiveProgress: Story = {
  args: { options: { title, downloadTotal: 6 * MB } },
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole('button', { name: `Download ${title}` }));
    const bar = await canvas.findByRole('progressbar', { name: title });
    await expect(bar).toHaveAttribute('aria-valuetext', '0 B of 6 MB (0%), queued');
    lastStoryClient?.engine.advance(0);
    lastStoryClient?.engine.advance(3000);
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuetext', '3 MB of 6 MB (50%)'));
    lastStoryClient?.engine.advance(3000);
    await expect(await canvas.findByRole('button', { name: `Open ${title}` })).toBeEnabled();
  },
};

/**
 * A download started here that fails can be retried with the same requests: Retry starts it again, and the focus
 * moves to the new Cancel button.
 */
export const RetryAfterFailure: Story = {
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole('button', { name: `Download ${title}` }));
    await canvas.findByRole('progressbar', { name: title });
    lastStoryClient?.engine.set('ep12', 'fetch-error');
    const retry = await canvas.findByRole('button', { name: `Retry download of ${title}` });
    await waitFor(() => expect(retry).toBeEnabled());
    await userEvent.click(retry);
    await waitFor(() =>
      expect(lastStoryClient?.engine.started.map((job) => job.id)).toEqual(['ep12', 'ep12']),
    );
    await waitFor(() =>
      expect(canvas.getByRole('button', { name: `Cancel download of ${title}` })).toHaveFocus(),
    );
  },
};

/**
 * A start that fails (here: an empty request list, refused by the client's validation) is shown, not only reported:
 * `data-state="start-failed"`, the reason in an alert, and "Download" again for another try.
 */
export const StartFailed: Story = {
  args: { requests: [] },
  play: async ({ canvas, args }) => {
    const start = canvas.getByRole('button', { name: `Download ${title}` });
    await userEvent.click(start);
    await expect(await canvas.findByRole('alert')).toHaveTextContent(
      /^Could not start the download: TypeError: .+/,
    );
    await expect(args.onError).toHaveBeenCalledOnce();
    await expect(start.closest('[data-bgfetch="download"]')).toHaveAttribute('data-state', 'start-failed');
    await expect(start).toHaveFocus();
  },
};
