export { parseLabelSelector, matchesLabelSelector } from './labelSelector';
export type { LabelRequirement } from './labelSelector';
