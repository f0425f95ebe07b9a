export { lineDiff } from './lineDiff';
export { fileChanges } from './fileChanges';
export type { FileChange } from './fileChanges';
