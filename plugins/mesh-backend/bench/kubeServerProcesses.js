// The bench's test API servers, in child processes of their own (kubeServers.js), each serving a range of
// the clusters, so that the figures measure the backends and not the servers.
'use strict';

const { fork } = require('node:child_process');
const path = require('node:path');

/**
 * Starts `clusters` test API servers holding `services` services of the bench's cluster data, spread over
 * `processes` child processes. `apply` changes an object in one cluster; `requests` counts the lists and
 * watches every server answered since the last count.
 */
async function startKubeServers({ clusters, services, token, processes }) {
  const children = Array.from({ length: processes }, (_, i) => {
    const from = Math.floor((i * clusters) / processes);
    const to = Math.floor(((i + 1) * clusters) / processes);
    const child = fork(path.join(__dirname, 'kubeServers.js'), [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return { child, from, to };
  });
  const next = (child, type) =>
    new Promise((resolve, reject) => {
      const onMessage = message => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.once('exit', code => reject(new Error(`the test API servers' process exited (${code})`)));
    });
  const started = children.map(({ child, from, to }) => {
    child.send({ type: 'start', from, to, clusters, services, token });
    return next(child, 'started');
  });
  const urls = (await Promise.all(started)).flatMap(message => message.urls);
  return {
    urls,
    apply: async (cluster, object) => {
      const { child } = children.find(c => cluster >= c.from && cluster < c.to);
      child.send({ type: 'apply', cluster, object });
      await next(child, 'applied');
    },
    requests: async () => {
      const counts = await Promise.all(
        children.map(({ child }) => {
          child.send({ type: 'requests' });
          return next(child, 'requests');
        }),
      );
      return counts.reduce((sum, c) => ({ lists: sum.lists + c.lists, watches: sum.watches + c.watches }), { lists: 0, watches: 0 });
    },
    stop: async () => {
      await Promise.all(
        children.map(({ child }) => {
          child.send({ type: 'stop' });
          return new Promise(resolve => child.once('exit', resolve));
        }),
      );
    },
  };
}

module.exports = { startKubeServers };
