export type { DownloadButtonProps, DownloadButtonState } from './download-button/index.js';
export { DownloadButton } from './download-button/index.js';
export type { FetchCancelButtonProps } from './fetch-cancel-button/index.js';
export { FetchCancelButton } from './fetch-cancel-button/index.js';
export type { FetchListProps } from './fetch-list/index.js';
export { FetchList } from './fetch-list/index.js';
export type { FetchPauseButtonProps } from './fetch-pause-button/index.js';
export { FetchPauseButton } from './fetch-pause-button/index.js';
export type {
  FetchProgressConnectedProps,
  FetchProgressFigures,
  FetchProgressProps,
  FetchProgressRootProps,
  FetchProgressTextProps,
  FetchProgressValue,
  FetchProgressValueProps,
} from './fetch-progress/index.js';
export {
  FetchProgress,
  FetchProgressIndicator,
  FetchProgressRoot,
  FetchProgressText,
  formatBytes,
  formatDuration,
  getFetchProgressText,
  getFetchProgressValue,
} from './fetch-progress/index.js';
export type { FetchRetryButtonProps } from './fetch-retry-button/index.js';
export { FetchRetryButton } from './fetch-retry-button/index.js';
export type { FetchStatusProps } from './fetch-status/index.js';
export { FetchStatus, getFetchStatusText } from './fetch-status/index.js';
export type { BackgroundFetchApi, FetchRegistration } from './hooks/index.js';
export {
  selectIdsNewestFirst,
  useBackgroundFetch,
  useBackgroundFetchState,
  useFetchRegistration,
} from './hooks/index.js';
export type { FetchActionButtonProps } from './internal/action-button.js';
export type { BackgroundFetchLabels, PartialLabels } from './labels/index.js';
export { defaultLabels } from './labels/index.js';
export type { BackgroundFetchProviderProps } from './provider/index.js';
export { BackgroundFetchProvider, useBackgroundFetchClient } from './provider/index.js';
