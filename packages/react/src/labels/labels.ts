import type {
  BackgroundFetchFailureReason,
  FetchPriority,
  FetchStatus,
  PauseReason,
  StoredDownloadState,
} from '@bgfetch/core';
import { describeError } from '@bgfetch/core/internal';

type FailureReason = Exclude<BackgroundFetchFailureReason, '' | 'aborted'>;

/**
 * Every text the components show or give to assistive technology, in one place: the one way to localise them.
 * Give a part of it to `<BackgroundFetchProvider labels>` for the whole app, or to a component's `labels` for that
 * component (and, for `DownloadButton` and `FetchList`, its parts); what is not given stays the default.
 * Functions get what the text is about (a title, a status, figures already formatted).
 */
export interface BackgroundFetchLabels {
  /** The locale numbers and durations are written for (`Intl.NumberFormat`); default `en`. */
  locale: string;
  /** `FetchStatus`: the text of each status. */
  status: Record<FetchStatus, string>;
  /**
   * `FetchStatus`: a `pending` fetch waiting in the engine's queue, given its place (1: the next to start) and its
   * priority when the engine says it.
   */
  queued: (position: number, priority?: FetchPriority) => string;
  /**
   * `FetchStatus`: a fetch the engine paused by itself, by its `pauseReason` (one paused by `pause()`, reason
   * `user`, or with no reason reads `status.paused`).
   */
  pauseReason: Record<Exclude<PauseReason, 'user'>, string>;
  /** `FetchPrioritySelect`: each priority's option, and the select's name given the fetch's title. */
  priority: Record<FetchPriority, string>;
  priorityName: (title: string) => string;
  /** `FetchStatus`: the text of a failure, by the spec's reason. */
  failure: Record<FailureReason, string>;
  /** `FetchStatus`: a `bad-status` failure whose refused request is known. */
  badStatusOf: (status: number, url: string) => string;
  /**
   * The progress bar's `aria-valuetext` and `FetchProgressText`'s first part: `downloaded` and `total` are already
   * formatted; `total` and `percent` are `undefined` while the total is unknown.
   */
  progress: (figures: { downloaded: string; total?: string; percent?: number }) => string;
  /** What the value text adds for a status a sighted user sees only as a colour ("…, paused"). */
  progressStatus: Record<FetchStatus, string>;
  /** `FetchProgressText`: the rate, already formatted ("2.1 MB/s"). */
  rate: (bytesPerSecond: string) => string;
  /** `FetchProgressText`: the time left, already formatted ("25 sec"). */
  timeLeft: (duration: string) => string;
  /** Visible text of the buttons. */
  download: string;
  open: string;
  cancel: string;
  pause: string;
  resume: string;
  retry: string;
  /** Accessible names of the buttons, given the fetch's title (its id when it has none). */
  downloadName: (title: string) => string;
  openName: (title: string) => string;
  cancelName: (title: string) => string;
  pauseName: (title: string) => string;
  resumeName: (title: string) => string;
  retryName: (title: string) => string;
  /** `DownloadButton`: a press that could not start the download, given the error. */
  startFailed: (error: unknown) => string;
  /** `FetchList`: its accessible name, and what it shows with no download. */
  list: string;
  listEmpty: string;
  /** `StoredFetchList`: its accessible name, what it shows with nothing stored, and each download's state. */
  storedList: string;
  storedListEmpty: string;
  storedState: Record<StoredDownloadState, string>;
  /** `StoredFetchList`'s buttons: visible text, and names given the download's title (each name holds its text). */
  delete: string;
  deleteName: (title: string) => string;
  confirmDelete: string;
  confirmDeleteName: (title: string) => string;
  keep: string;
  keepName: (title: string) => string;
  redownload: string;
  redownloadName: (title: string) => string;
}

export const defaultLabels: Readonly<BackgroundFetchLabels> = {
  locale: 'en',
  status: {
    pending: 'Waiting to start',
    fetching: 'Downloading',
    saving: 'Saving…',
    paused: 'Paused',
    offline: 'Offline: resumes when the network is back',
    success: 'Downloaded',
    failure: 'Download failed',
    aborted: 'Cancelled',
  },
  queued: (position, priority) =>
    `Queued (${englishOrdinal(position)}${priority && priority !== 'normal' ? `, ${priority} priority` : ''})`,
  pauseReason: { 'metered-network': 'Paused on a metered network: resumes on Wi-Fi' },
  priority: { high: 'High priority', normal: 'Normal priority', low: 'Low priority' },
  priorityName: (title) => `Priority of ${title}`,
  failure: {
    'bad-status': 'Download failed: the server answered with an error',
    'fetch-error': 'Download failed: the network or the file was not right',
    'quota-exceeded': 'Download failed: not enough storage space',
    'download-total-exceeded': 'Download failed: the file was larger than expected',
  },
  badStatusOf: (status, url) => `Download failed: ${status} for ${url}`,
  progress: ({ downloaded, total, percent }) =>
    total === undefined ? `${downloaded} downloaded` : `${downloaded} of ${total} (${percent}%)`,
  progressStatus: {
    pending: ', queued',
    fetching: '',
    saving: ', saving',
    paused: ', paused',
    offline: ', waiting for the network',
    success: '',
    failure: ', failed',
    aborted: ', cancelled',
  },
  rate: (bytesPerSecond) => `${bytesPerSecond}/s`,
  timeLeft: (duration) => `${duration} left`,
  download: 'Download',
  open: 'Open',
  cancel: 'Cancel',
  pause: 'Pause',
  resume: 'Resume',
  retry: 'Retry',
  downloadName: (title) => `Download ${title}`,
  openName: (title) => `Open ${title}`,
  cancelName: (title) => `Cancel download of ${title}`,
  pauseName: (title) => `Pause download of ${title}`,
  resumeName: (title) => `Resume download of ${title}`,
  retryName: (title) => `Retry download of ${title}`,
  startFailed: (error) => `Could not start the download: ${describeError(error)}`,
  list: 'Downloads',
  listEmpty: 'No downloads',
  storedList: 'Stored downloads',
  storedListEmpty: 'Nothing is stored on this device',
  storedState: {
    complete: 'Stored',
    partial: 'Partly stored: the download failed',
    missing: 'Missing: removed from this device',
  },
  delete: 'Delete',
  deleteName: (title) => `Delete ${title}`,
  confirmDelete: 'Delete for good',
  confirmDeleteName: (title) => `Delete for good: ${title}`,
  keep: 'Keep',
  keepName: (title) => `Keep ${title}`,
  redownload: 'Download again',
  redownloadName: (title) => `Download again: ${title}`,
};

/**
 * Labels one level deep: `status`, `failure`, `pauseReason`, `priority`, `progressStatus` and `storedState` can be
 * given in part too.
 */
export type PartialLabels = {
  [K in keyof BackgroundFetchLabels]?: BackgroundFetchLabels[K] extends (...args: never[]) => unknown
    ? BackgroundFetchLabels[K]
    : Partial<BackgroundFetchLabels[K]>;
};

/** `labels` over `base`, the tables (every entry that is an object) merged entry by entry. */
export function mergeLabels(
  base: BackgroundFetchLabels,
  labels: PartialLabels | undefined,
): BackgroundFetchLabels {
  if (labels === undefined) return base;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(labels as Record<string, unknown>)) {
    const inherited = merged[key];
    merged[key] = typeof inherited === 'object' ? { ...inherited, ...(value as object) } : value;
  }
  return merged as unknown as BackgroundFetchLabels;
}

const ENGLISH_ORDINAL_SUFFIX: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };

/** 1st, 2nd, 3rd, 4th, 11th, 22nd… */
function englishOrdinal(n: number): string {
  return `${n}${ENGLISH_ORDINAL_SUFFIX[new Intl.PluralRules('en', { type: 'ordinal' }).select(n)]}`;
}
