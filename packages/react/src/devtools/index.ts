/**
 * `@bgfetch/react/devtools`: a panel for development, in its own entry (as TanStack Query keeps its devtools in
 * their own package) so that an app that does not render it ships none of it.
 */
export type { BackgroundFetchDevtoolsProps } from './devtools.js';
export { BackgroundFetchDevtools } from './devtools.js';
