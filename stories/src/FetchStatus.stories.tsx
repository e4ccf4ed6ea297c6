import { FetchStatus } from '@bgfetch/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { EPISODE_URL, type StateName, snapshotIn, WithClient } from './fixtures';

const meta = {
  title: 'Components/FetchStatus',
  component: FetchStatus,
  tags: ['autodocs'],
  args: { fetchId: 'ep12' },
  parameters: { state: 'fetching' as StateName },
  decorators: [
    (Story, { parameters }) => (
      <WithClient snapshots={[snapshotIn(parameters.state)]}>
        <Story />
      </WithClient>
    ),
  ],
} satisfies Meta<typeof FetchStatus>;

export default meta;
type Story = StoryObj<typeof meta>;

const reads = (state: StateName, text: string): Story => ({
  parameters: { state },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('status')).toHaveTextContent(text);
  },
});

export const Pending = reads('pending', 'Waiting to start');
/** Waiting in the fallback's queue (`maxConcurrentJobs` taken), second in line: its place in the text. */
export const Queued = reads('queued', 'Queued (2nd)');
/** A high-priority fetch waits only for fetches of its own priority: next in line, and the text says why. */
export const QueuedHighPriority = reads('queuedHigh', 'Queued (1st, high priority)');
/** A low-priority fetch lets every normal and high one go first. */
export const QueuedLowPriority = reads('queuedLow', 'Queued (4th, low priority)');
export const Fetching = reads('fetching', 'Downloading');
/** Between the last byte and the verdict: the records are being stored and verified. */
export const Saving = reads('saving', 'Saving…');
export const Paused = reads('paused', 'Paused');
/** Paused by `pause()` (`pauseReason: 'user'`): it waits for `resume()`. */
export const PausedByUser = reads('pausedByUser', 'Paused');
/** Paused by its `network: 'unmetered'` option on a cellular connection: it resumes by itself on Wi-Fi. */
export const PausedOnMeteredNetwork = reads(
  'pausedOnMeteredNetwork',
  'Paused on a metered network: resumes on Wi-Fi',
);
export const Offline = reads('offline', 'Offline: resumes when the network is back');
export const Success = reads('success', 'Downloaded');
/** A `bad-status` failure names the refused request's status and URL. */
export const FailedBadStatus = reads('badStatus', `Download failed: 404 for ${EPISODE_URL}`);
export const FailedFetchError = reads('fetchError', 'Download failed: the network or the file was not right');
export const FailedQuotaExceeded = reads('quotaExceeded', 'Download failed: not enough storage space');
export const FailedDownloadTotalExceeded = reads(
  'downloadTotalExceeded',
  'Download failed: the file was larger than expected',
);
export const Aborted = reads('aborted', 'Cancelled');

/** Localised through `labels` (here the component's own; `<BackgroundFetchProvider labels>` does it app-wide). */
export const Localised: Story = {
  args: { labels: { failure: { 'quota-exceeded': 'Échec : plus assez d’espace de stockage' } }, lang: 'fr' },
  parameters: { state: 'quotaExceeded' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('status')).toHaveTextContent(
      'Échec : plus assez d’espace de stockage',
    );
  },
};

/** A translation words the named failure as a function of the status and the URL. */
export const LocalisedBadStatus: Story = {
  args: {
    labels: { badStatusOf: (status, url) => `Échec : le serveur a répondu ${status} pour ${url}` },
    lang: 'fr',
  },
  parameters: { state: 'badStatus' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('status')).toHaveTextContent(
      `Échec : le serveur a répondu 404 pour ${EPISODE_URL}`,
    );
  },
};
