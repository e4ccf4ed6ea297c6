export type { DownloadButtonLabels, DownloadButtonProps, DownloadButtonState } from './download-button.js';
export { DownloadButton, defaultDownloadButtonLabels } from './download-button.js';
