export type { FetchPauseButtonProps } from './fetch-pause-button.js';
export { FetchPauseButton } from './fetch-pause-button.js';
