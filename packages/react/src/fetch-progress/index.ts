export type { FetchProgressProps, FetchProgressStatus, FetchProgressValue } from './fetch-progress';
export { FetchProgress, getFetchProgressValue } from './fetch-progress';
export { formatBytes } from './format-bytes';
