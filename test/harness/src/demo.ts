/**
 * The demo's data for other packages' tests, without the servers and processes of the main entry, so a
 * browser-like test environment can load it: the demo cluster and its snapshot on disk.
 */
export { demoClusterLists, demoClusterObjects, demoIstiodSyncz } from './kube/demoCluster';
export { writeDemoSnapshot } from './kube/demoSnapshot';
