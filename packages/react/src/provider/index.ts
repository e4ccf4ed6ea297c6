export type { BackgroundFetchProviderProps } from './provider.js';
export { BackgroundFetchProvider, useBackgroundFetchClient } from './provider.js';
