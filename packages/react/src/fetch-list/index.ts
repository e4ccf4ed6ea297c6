export type { FetchListProps } from './fetch-list.js';
export { FetchList } from './fetch-list.js';
