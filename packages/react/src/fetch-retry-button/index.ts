export type { FetchRetryButtonProps } from './fetch-retry-button.js';
export { FetchRetryButton } from './fetch-retry-button.js';
