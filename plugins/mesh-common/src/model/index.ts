export * from './primitives';
export * from './policy';
export * from './namespacePolicy';
export * from './validate';
export * from './jsonSchema';
export * from './canarySteps';
export * from './mergePolicy';
