export type { BackgroundFetchDevtoolsProps } from './devtools.js';
export { BackgroundFetchDevtools } from './devtools.js';
