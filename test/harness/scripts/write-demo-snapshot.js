#!/usr/bin/env node
// Writes the demo cluster (test/harness/src/kube/demoCluster.ts) as `kubectl get -o yaml` lists into
// catalog/cluster-snapshot/, the snapshot the demo portal shows. A test checks the two agree.
const path = require('node:path');

require('@backstage/cli-node/config/nodeTransform.cjs');

const { writeDemoSnapshot } = require('../src/kube/demoSnapshot');

const target = path.resolve(__dirname, '../../../catalog/cluster-snapshot');
process.stdout.write(`wrote ${writeDemoSnapshot(target).length} files to ${target}\n`);
