export * from './mergePolicy';
export * from './formInput';
export * from './templateInputs';
