export type { DownloadButtonProps, DownloadButtonState } from './download-button.js';
export { DownloadButton } from './download-button.js';
