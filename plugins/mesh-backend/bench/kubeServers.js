// Child process of `yarn bench:status`: the test API servers, seeded with the bench's cluster, in a
// process and heap of their own, so that the figures measure the backends and not the servers. Driven
// over IPC: start, apply (for freshness), stop.
'use strict';

require('@backstage/cli-node/config/nodeTransform.cjs');

const { KubeApiTestServer } = require('@meshport/test-harness');
const { clusterObjects } = require('./clusterData');

const servers = [];

process.on('message', async message => {
  if (message.type === 'start') {
    for (let k = 0; k < message.clusters; k += 1) {
      const server = await new KubeApiTestServer({ token: message.token }).start();
      const objects = clusterObjects(message.services, k, message.clusters);
      // In chunks: a spread of 200,000 objects into one call overflows the stack.
      for (let i = 0; i < objects.length; i += 10_000) server.apply(...objects.slice(i, i + 10_000));
      servers.push(server);
    }
    process.send({ type: 'started', urls: servers.map(server => server.url) });
  } else if (message.type === 'apply') {
    servers[message.cluster].apply(message.object);
    process.send({ type: 'applied' });
  } else if (message.type === 'stop') {
    for (const server of servers) await server.stop();
    process.exit(0);
  }
});
