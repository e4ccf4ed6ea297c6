import type { FetchStatus } from '@bgfetch/core';
import {
  FetchProgress,
  FetchProgressIndicator,
  FetchProgressRoot,
  FetchProgressText,
  type FetchProgressValueProps,
} from '@bgfetch/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import type { ComponentProps } from 'react';
import { expect } from 'storybook/test';
import { MB as FIXTURE_MB, snapshotIn, WithClient } from './fixtures';

const MB = 1_000_000;
const statuses: FetchStatus[] = [
  'pending',
  'fetching',
  'saving',
  'paused',
  'offline',
  'success',
  'failure',
  'aborted',
];

const meta = {
  title: 'Components/FetchProgress',
  component: FetchProgress,
  tags: ['autodocs'],
  args: {
    label: 'Episode 12: Offline first',
    downloaded: 12.3 * MB,
    downloadTotal: 60 * MB,
    status: 'fetching',
    className: 'bgf-progress',
    indicatorClassName: 'bgf-progress__indicator',
  },
  argTypes: {
    status: { control: 'select', options: statuses },
    downloaded: { control: { type: 'number', min: 0, step: MB } },
    downloadTotal: { control: { type: 'number', min: 0, step: MB } },
  },
  decorators: [
    (Story) => (
      <div className="bgf-story">
        <Story />
      </div>
    ),
  ],
} satisfies Meta<FetchProgressValueProps & { indicatorClassName?: string }>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The play function every story runs: the bar is found by its name and reads the expected text and state. */
const expectBar =
  (valueText: string): Story['play'] =>
  async ({ canvas, args }) => {
    const bar = canvas.getByRole('progressbar', { name: args.label ?? args['aria-label'] });
    await expect(bar).toHaveAttribute('aria-valuetext', valueText);
    await expect(bar).toHaveAttribute('data-state', args.status);
    await expect(bar.querySelector(':scope > [data-state]')).toHaveAttribute('data-state', args.status);
  };

export const Pending: Story = {
  args: { status: 'pending', downloaded: 0 },
  play: expectBar('0 B of 60 MB (0%), queued'),
};

export const Fetching: Story = {
  args: { status: 'fetching' },
  play: expectBar('12.3 MB of 60 MB (20%)'),
};

/** Every byte arrived; the records are being stored and verified (seconds for a large file) before the verdict. */
export const Saving: Story = {
  args: { status: 'saving', downloaded: 60 * MB },
  play: expectBar('60 MB of 60 MB (100%), saving'),
};

export const Paused: Story = {
  args: { status: 'paused', downloaded: 30 * MB },
  play: expectBar('30 MB of 60 MB (50%), paused'),
};

export const Offline: Story = {
  args: { status: 'offline', downloaded: 45.6 * MB },
  play: expectBar('45.6 MB of 60 MB (76%), waiting for the network'),
};

export const Success: Story = {
  args: { status: 'success', downloaded: 60 * MB },
  play: expectBar('60 MB of 60 MB (100%)'),
};

export const Failure: Story = {
  args: { status: 'failure', downloaded: 51.2 * MB },
  play: expectBar('51.2 MB of 60 MB (85%), failed'),
};

export const Aborted: Story = {
  args: { status: 'aborted', downloaded: 7.5 * MB },
  play: expectBar('7.5 MB of 60 MB (12%), cancelled'),
};

/** `downloadTotal: 0`: the server sent no length and the app gave none, so the bar is indeterminate. */
export const UnknownTotal: Story = {
  args: { status: 'fetching', downloadTotal: 0 },
  play: async (context) => {
    await expectBar('12.3 MB downloaded')?.(context);
    const bar = context.canvas.getByRole('progressbar');
    await expect(bar).not.toHaveAttribute('aria-valuenow');
    await expect(bar).toHaveAttribute('data-indeterminate');
  },
};

export const UnknownTotalPending: Story = {
  args: { status: 'pending', downloaded: 0, downloadTotal: 0 },
  play: expectBar('0 B downloaded, queued'),
};

export const UnknownTotalSuccess: Story = {
  args: { status: 'success', downloaded: 48.2 * MB, downloadTotal: 0 },
  play: expectBar('48.2 MB downloaded'),
};

/** Named by a visible caption through `aria-labelledby` instead of `label`. */
export const LabelledByCaption: Story = {
  args: { label: undefined, 'aria-labelledby': 'episode-caption' },
  render: (args) => (
    <>
      <div className="bgf-story__caption">
        <span id="episode-caption">Episode 13: Range requests</span>
        <span aria-hidden="true">20%</span>
      </div>
      <FetchProgress {...args} />
    </>
  ),
  play: async ({ canvas }) => {
    const bar = canvas.getByRole('progressbar', { name: 'Episode 13: Range requests' });
    await expect(bar).toHaveAttribute('aria-valuetext', '12.3 MB of 60 MB (20%)');
  },
};

/** An app's own track component, as `asChild` would be used with a design system. */
function Track({ className, ...props }: ComponentProps<'div'>) {
  return <div className={`${className ?? ''} bgf-progress--thick`} {...props} />;
}

/**
 * `asChild`: the root renders as the given element, with the bar's props and ref merged in, and the indicator goes
 * inside it. The element must be one that may be a progressbar (axe fails e.g. a `<section>`).
 */
export const AsChild: Story = {
  render: (args) => (
    <FetchProgress {...args} asChild>
      <Track />
    </FetchProgress>
  ),
  play: async (context) => {
    await expectBar('12.3 MB of 60 MB (20%)')?.(context);
    await expect(context.canvas.getByRole('progressbar')).toHaveClass('bgf-progress', 'bgf-progress--thick');
  },
};

/** Every status side by side, as a visual reference. */
export const AllStatuses: Story = {
  render: (args) => (
    <>
      {statuses.map((status, index) => (
        <div key={status}>
          <div className="bgf-story__caption">
            <span>{status}</span>
          </div>
          <FetchProgress
            {...args}
            label={`Episode ${index + 1} (${status})`}
            status={status}
            downloaded={((index + 1) / statuses.length) * args.downloadTotal}
          />
        </div>
      ))}
    </>
  ),
  play: async ({ canvas }) => {
    const bars = canvas.getAllByRole('progressbar');
    await expect(bars.map((bar) => bar.dataset.state)).toEqual(statuses);
    await expect(canvas.getByRole('progressbar', { name: 'Episode 8 (aborted)' })).toHaveAttribute(
      'aria-valuetext',
      '60 MB of 60 MB (100%), cancelled',
    );
  },
};

/**
 * The connected form: `fetchId` reads the registration from the store (here a client on a deterministic engine),
 * names the bar by the fetch's title and renders again only when that registration changes.
 */
export const Connected: Story = {
  render: (args) => (
    <WithClient snapshots={[{ ...snapshotIn('paused'), downloaded: 30 * FIXTURE_MB }]}>
      <FetchProgress fetchId="ep12" className={args.className} indicatorClassName={args.indicatorClassName} />
    </WithClient>
  ),
  play: async ({ canvas }) => {
    const bar = await canvas.findByRole('progressbar', { name: 'Episode 12: Offline first' });
    await expect(bar).toHaveAttribute('aria-valuetext', '30 MB of 60 MB (50%), paused');
    await expect(bar).toHaveAttribute('data-state', 'paused');
  },
};

/** The parts, as Radix Progress has them: a root, its indicator, and anything of yours between. */
export const Parts: Story = {
  render: (args) => (
    <FetchProgressRoot
      label={args.label}
      downloaded={args.downloaded}
      downloadTotal={args.downloadTotal}
      status={args.status}
      className={args.className}
    >
      <FetchProgressIndicator className={args.indicatorClassName} />
    </FetchProgressRoot>
  ),
  play: async ({ canvas }) => {
    const bar = canvas.getByRole('progressbar', { name: 'Episode 12: Offline first' });
    await expect(bar).toHaveAttribute('aria-valuetext', '12.3 MB of 60 MB (20%)');
    await expect(bar.firstElementChild).toHaveAttribute('data-state', 'fetching');
  },
};

/** The progress a person reads, beside the bar: bytes of total, then the rate and time left once known. */
export const WithText: Story = {
  render: (args) => (
    <WithClient snapshots={[{ ...snapshotIn('fetching'), downloaded: 30 * FIXTURE_MB }]}>
      <FetchProgress fetchId="ep12" className={args.className} indicatorClassName={args.indicatorClassName} />
      <FetchProgressText fetchId="ep12" />
    </WithClient>
  ),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/^30 MB of 60 MB \(50%\)/)).toBeVisible();
  },
};

/** Localised through `labels`: the value text in French, numbers written for `fr`. */
export const Localised: Story = {
  args: {
    label: 'Épisode 12',
    status: 'paused',
    labels: {
      locale: 'fr',
      progress: ({ downloaded, total, percent }) =>
        total === undefined ? `${downloaded} reçus` : `${downloaded} sur ${total} (${percent} %)`,
      progressStatus: { paused: ', en pause' },
    },
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('progressbar', { name: 'Épisode 12' })).toHaveAttribute(
      'aria-valuetext',
      '12,3 MB sur 60 MB (20 %), en pause',
    );
  },
};
