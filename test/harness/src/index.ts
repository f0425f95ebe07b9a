export { freePort, isListening } from './ports';
export { findRepoRoot } from './repoRoot';
export { startProcess, waitFor } from './processes';
export type { ManagedProcess } from './processes';
export { findStartupFailures, startBackend, startPortal } from './portal';
export type { RunningBackend, RunningPortal } from './portal';
export { guestToken, waitForCatalog } from './catalog';
export type { CatalogEntity } from './catalog';
export { describeWhenListening, isListeningSync } from './services';
