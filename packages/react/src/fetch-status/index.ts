export type { FetchStatusMessages, FetchStatusProps } from './fetch-status.js';
export { defaultFetchStatusMessages, FetchStatus, getFetchStatusText } from './fetch-status.js';
