export type { BackgroundFetchLabels, PartialLabels } from './labels.js';
export { defaultLabels } from './labels.js';
export { LabelsProvider, useLabels } from './labels-context.js';
