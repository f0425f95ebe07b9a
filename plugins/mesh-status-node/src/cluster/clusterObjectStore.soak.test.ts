import v8 from 'node:v8';
import vm from 'node:vm';
import { ClusterObjectStore } from './clusterObjectStore';

// Churn as a busy cluster makes it: pods with labels no other pod carries (pod-template-hash, job-name,
// controller-uid) in namespaces that live for one round. After each round is deleted, the store must be
// back where it started: no index key left behind, heap flat after garbage collection.

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const ROUNDS = 8;
const PODS_PER_ROUND = 12_000;

function churnPod(round: number, index: number) {
  const uid = `${round}-${index}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `job-${uid}`,
      namespace: `ci-${round}-${index % 50}`,
      labels: { 'job-name': `job-${uid}`, 'controller-uid': `uid-${uid}`, 'pod-template-hash': `h${uid}` },
    },
    // Nodes come and go too (autoscaled): a node's pod count must go with its last pod.
    spec: { nodeName: `node-${round}-${index % 20}`, containers: [{ name: 'main', image: 'example/job:1' }] },
  };
}

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('the cluster object store under churn', () => {
  it(`holds no index key and no heap after ${ROUNDS} rounds of ${PODS_PER_ROUND} short-lived pods`, () => {
    const store = new ClusterObjectStore();
    store.upsert({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'steady' } } as any);
    const keysAtRest = store.indexKeys;
    const round = (n: number) => {
      const pods = Array.from({ length: PODS_PER_ROUND }, (_, i) => churnPod(n, i));
      pods.forEach(pod => store.upsert(pod as any));
      expect(store.size).toBe(PODS_PER_ROUND + 1);
      pods.forEach(pod => store.remove('Pod', pod.metadata.namespace, pod.metadata.name));
    };
    round(0);
    const baseline = heapAfterGc();
    for (let n = 1; n < ROUNDS; n += 1) round(n);
    const after = heapAfterGc();
    expect(store.size).toBe(1);
    expect(store.indexKeys).toBe(keysAtRest);
    // Each round adds 36,000 unique labels and 50 namespaces: kept, they would grow the heap by megabytes.
    expect(after / baseline).toBeLessThan(1.1);
  });
});
