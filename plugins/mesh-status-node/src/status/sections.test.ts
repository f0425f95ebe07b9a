import { POD_RUNNING_KINDS } from '@meshport/istio-config';
import { MESH_STATUS_KINDS } from '../cluster/statusResources';
import { sectionsFedBy } from './sections';

describe('sectionsFedBy', () => {
  it('marks the workloads and security sections incomplete when a kind that runs pods cannot be read', () => {
    for (const kind of POD_RUNNING_KINDS)
      expect({ kind, sections: sectionsFedBy(kind) }).toEqual({ kind, sections: expect.arrayContaining(['workloads', 'security']) });
  });

  it('feeds the findings from every kind the status reads, and only them from kinds only analyzers read', () => {
    for (const kind of MESH_STATUS_KINDS) expect({ kind, sections: sectionsFedBy(kind) }).toEqual({ kind, sections: expect.arrayContaining(['findings']) });
    expect(sectionsFedBy('ServiceEntry')).toEqual(['findings']);
  });

  it('ties waypoints (Gateway API Gateways) to workloads and security, and Istio Gateways to traffic', () => {
    expect(sectionsFedBy('KubernetesGateway')).toEqual(['workloads', 'security', 'findings']);
    expect(sectionsFedBy('Gateway')).toEqual(['traffic', 'findings']);
  });
});
