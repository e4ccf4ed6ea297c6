export type { FetchStatusProps } from './fetch-status.js';
export { FetchStatus, getFetchStatusText } from './fetch-status.js';
