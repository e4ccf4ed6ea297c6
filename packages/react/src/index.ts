export type { BackgroundFetchDevtoolsProps } from './devtools/index.js';
export { BackgroundFetchDevtools } from './devtools/index.js';
export type {
  DownloadButtonLabels,
  DownloadButtonProps,
  DownloadButtonState,
} from './download-button/index.js';
export { DownloadButton, defaultDownloadButtonLabels } from './download-button/index.js';
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
  FetchProgressValue,
  FetchProgressValueProps,
} from './fetch-progress/index.js';
export {
  FetchProgress,
  formatBytes,
  getFetchProgressValue,
  progressStatusSuffix,
} from './fetch-progress/index.js';
export type { FetchRetryButtonProps } from './fetch-retry-button/index.js';
export { FetchRetryButton } from './fetch-retry-button/index.js';
export type { FetchStatusMessages, FetchStatusProps } from './fetch-status/index.js';
export { defaultFetchStatusMessages, FetchStatus, getFetchStatusText } from './fetch-status/index.js';
export type { BackgroundFetchApi, FetchRegistration } from './hooks/index.js';
export {
  selectIdsNewestFirst,
  useBackgroundFetch,
  useBackgroundFetchState,
  useFetchRegistration,
} from './hooks/index.js';
export type { FetchActionButtonProps } from './internal/action-button.js';
export type { BackgroundFetchProviderProps } from './provider/index.js';
export { BackgroundFetchProvider, useBackgroundFetchClient } from './provider/index.js';
