export type { BackgroundFetchProviderProps } from './provider.js';
export { BackgroundFetchProvider, useBackgroundFetchClient, useClientInContext } from './provider.js';
