export type {
  FetchProgressConnectedProps,
  FetchProgressFigures,
  FetchProgressProps,
  FetchProgressValue,
  FetchProgressValueProps,
} from './fetch-progress.js';
export { FetchProgress, getFetchProgressValue, progressStatusSuffix } from './fetch-progress.js';
export { formatBytes } from './format-bytes.js';
