import { targetFromSelector } from '@meshport/plugin-mesh-common';
import { object } from '@meshport/istio-config/testUtils';
import { storeFromDocuments } from '../cluster/clusterObjectStore';
import { clusterStatusFromSlice } from './clusterStatus';

const template = { metadata: { labels: { app: 'ledger' } }, spec: { containers: [{ name: 'ledger', ports: [{ containerPort: 8080 }] }] } };
const controllers = [
  object('Deployment', 'ledger-api', 'finance', { spec: { replicas: 2, template }, status: { readyReplicas: 2 } }),
  object('StatefulSet', 'ledger-db', 'finance', { spec: { replicas: 3, template }, status: { readyReplicas: 1 } }),
  object('DaemonSet', 'ledger-agent', 'finance', { spec: { template }, status: { desiredNumberScheduled: 4, numberReady: 4 } }),
  { ...object('Rollout', 'ledger-web', 'finance', { spec: { replicas: 5, template }, status: { readyReplicas: 5 } }), apiVersion: 'argoproj.io/v1alpha1' },
];

describe('the status of a service run by several kinds of controller', () => {
  const slice = storeFromDocuments([object('Namespace', 'finance', undefined), ...controllers]).sliceFor(targetFromSelector('app=ledger', 'finance'));
  const status = clusterStatusFromSlice('prod', slice, 'istio-system');

  it('lists each controller with its kind and readiness', () => {
    expect(status.workloads.controllers.map(c => `${c.kind} ${c.name} ${c.readyReplicas}/${c.replicas}`)).toEqual([
      'DaemonSet ledger-agent 4/4',
      'Deployment ledger-api 2/2',
      'Rollout ledger-web 5/5',
      'StatefulSet ledger-db 1/3',
    ]);
  });

  it('reports mTLS once per controller', () => {
    expect(status.security.mtls.map(w => w.workload).sort()).toEqual(['ledger-agent', 'ledger-api', 'ledger-db', 'ledger-web']);
  });
});
