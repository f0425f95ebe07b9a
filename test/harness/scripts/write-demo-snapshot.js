#!/usr/bin/env node
// Writes the demo cluster (test/harness/src/kube/demoCluster.ts) as `kubectl get -o yaml` lists into
// catalog/cluster-snapshot/, the snapshot the demo portal shows. A test checks the two agree.
const fs = require('node:fs');
const path = require('node:path');

require('@backstage/cli-node/config/nodeTransform.cjs');

const { stringify } = require('yaml');
const { demoClusterLists, demoIstiodSyncz } = require('../src/kube/demoCluster');

const target = path.resolve(__dirname, '../../../catalog/cluster-snapshot');
fs.mkdirSync(target, { recursive: true });
for (const [file, list] of Object.entries(demoClusterLists())) {
  fs.writeFileSync(path.join(target, file), stringify(list, { lineWidth: 0 }));
}
// istiod's /debug/syncz for the demo's proxies, beside the objects (the snapshot source serves it).
fs.writeFileSync(path.join(target, 'istiod-syncz.json'), `${JSON.stringify(demoIstiodSyncz(), null, 2)}\n`);
process.stdout.write(`wrote ${Object.keys(demoClusterLists()).length + 1} files to ${target}\n`);
