/**
 * Meshport's shared library: the mesh policy model, the manifest renderer, the config analyzers and
 * the sidecar overhead model. Pure functions with no I/O, for the browser and for Node.
 *
 * @packageDocumentation
 */
export * from './model';
export * from './render';
export * from './yaml';
export * from './analyze';
export * from './overhead';
export * from './examples';
export * from './status';
export * from './permissions';
export * from './diff';
export { isRecord } from './isRecord';
