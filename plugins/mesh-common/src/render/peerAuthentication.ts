import type { IstioObject } from '@meshport/istio-config';
import { MeshPolicy } from '../model';
import { prune } from './kubeObject';
import { serviceMetadata, workloadSelector } from './names';

/** The workload's PeerAuthentication: its mTLS mode, with per-port overrides. */
export function renderPeerAuthentication(policy: MeshPolicy): IstioObject<'PeerAuthentication'> {
  const portLevelMtls = Object.fromEntries(policy.mtls.portOverrides.map(override => [String(override.port), { mode: override.mode }]));
  return prune({
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: serviceMetadata(policy),
    spec: {
      // Port-level modes are only honoured for a workload selected by matchLabels.
      selector: workloadSelector(policy),
      mtls: { mode: policy.mtls.mode },
      portLevelMtls,
    },
  });
}
