/**
 * `@bgfetch/react/priority`: the control that sets a fetch's place in the engine's queue, in its own entry so that
 * an app that shows no such control ships none of it (the status text already says a queued fetch's place).
 */
export type { FetchPrioritySelectProps } from './fetch-priority-select.js';
export { FetchPrioritySelect } from './fetch-priority-select.js';
