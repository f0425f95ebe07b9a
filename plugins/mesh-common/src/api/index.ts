export * from './statusTypes';
