// Child process of `yarn bench:status`: the test API servers, seeded with the bench's cluster, in a
// process and heap of their own, so that the figures measure the backends and not the servers; a large
// fleet is spread over several such processes, each serving a range of its clusters. Driven over IPC:
// start, apply (for freshness), stop.
'use strict';

require('@backstage/cli-node/config/nodeTransform.cjs');

const { KubeApiTestServer } = require('@meshport/test-harness');
const { clusterObjects } = require('./clusterData');

// The clusters from..to-1 of the bench's, by index.
const servers = new Map();

process.on('message', async message => {
  if (message.type === 'start') {
    for (let k = message.from; k < message.to; k += 1) {
      const server = await new KubeApiTestServer({ token: message.token }).start();
      const objects = clusterObjects(message.services, k, message.clusters);
      // In chunks: a spread of 200,000 objects into one call overflows the stack.
      for (let i = 0; i < objects.length; i += 10_000) server.apply(...objects.slice(i, i + 10_000));
      servers.set(k, server);
    }
    process.send({ type: 'started', urls: [...servers.values()].map(server => server.url) });
  } else if (message.type === 'apply') {
    servers.get(message.cluster).apply(message.object);
    process.send({ type: 'applied' });
  } else if (message.type === 'requests') {
    // Lists (paged: each page a request) and watch streams answered since the last count.
    const paths = [...servers.values()].flatMap(server => server.requests.splice(0));
    const watches = paths.filter(p => p.includes('watch=true')).length;
    process.send({ type: 'requests', lists: paths.filter(p => p.includes('limit=')).length, watches });
  } else if (message.type === 'stop') {
    for (const server of servers.values()) await server.stop();
    process.exit(0);
  }
});
