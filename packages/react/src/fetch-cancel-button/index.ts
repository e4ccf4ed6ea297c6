export type { FetchCancelButtonProps } from './fetch-cancel-button.js';
export { FetchCancelButton } from './fetch-cancel-button.js';
