export type {
  FetchProgressConnectedProps,
  FetchProgressFigures,
  FetchProgressProps,
  FetchProgressRootProps,
  FetchProgressValue,
  FetchProgressValueProps,
} from './fetch-progress.js';
export {
  FetchProgress,
  FetchProgressIndicator,
  FetchProgressRoot,
  getFetchProgressValue,
} from './fetch-progress.js';
export type { FetchProgressTextProps } from './fetch-progress-text.js';
export { FetchProgressText, getFetchProgressText } from './fetch-progress-text.js';
export { formatBytes, formatDuration } from './format-bytes.js';
