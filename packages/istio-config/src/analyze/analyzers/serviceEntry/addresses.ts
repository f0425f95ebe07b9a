import { finding } from '../../findings';
import { messageFor } from '../../codes';
import { Analyzer } from '../../types';

/**
 * IST0134: a ServiceEntry without addresses, reported once per port whose protocol is TCP (any case) or unset,
 * unless the mesh allocates addresses itself (DNS capture with auto-allocation, or istiod's allocation,
 * which writes them to the entry's status).
 */
export const ServiceEntryAddressesAnalyzer: Analyzer = {
  metadata: { name: 'serviceentry.Analyzer', description: 'Checks the validity of ServiceEntry', inputs: ['ServiceEntry', 'MeshConfig'] },
  analyze({ index, mesh, report }) {
    const metadata = mesh.proxyMetadata;
    const autoAllocated =
      (metadata.ISTIO_META_DNS_CAPTURE === 'true' && metadata.ISTIO_META_DNS_AUTO_ALLOCATE === 'true') || metadata.PILOT_ENABLE_IP_AUTOALLOCATE === 'true';
    if (autoAllocated) return;
    for (const entry of index.ofKind('ServiceEntry')) {
      if ((entry.spec?.addresses !== undefined && entry.spec?.addresses !== null) || ((entry.status as any)?.addresses ?? []).length > 0) continue;
      (entry.spec?.ports ?? []).forEach((port: any, i: number) => {
        if (!port?.protocol || String(port.protocol).toUpperCase() === 'TCP') report(finding('IST0134', entry, messageFor('IST0134'), `spec.ports[${i}].name`));
      });
    }
  },
};
