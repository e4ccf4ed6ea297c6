export type { BackgroundFetchApi } from './use-background-fetch.js';
export { selectIdsNewestFirst, useBackgroundFetch } from './use-background-fetch.js';
export { useBackgroundFetchState } from './use-background-fetch-state.js';
export type { FetchRegistration } from './use-fetch-registration.js';
export { useFetchRegistration } from './use-fetch-registration.js';
