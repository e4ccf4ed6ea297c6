export type { FetchProgressProps, FetchProgressStatus, FetchProgressValue } from './fetch-progress';
export { FetchProgress, formatBytes, getFetchProgressValue } from './fetch-progress';
