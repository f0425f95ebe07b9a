import { finding } from '../../findings';
import { istioMessages } from '../../messages';
import { Analyzer } from '../../types';

/** IST0134: a ServiceEntry with TCP ports and no addresses, where the mesh captures DNS without allocating addresses. */
export const ServiceEntryAddressesAnalyzer: Analyzer = {
  metadata: { name: 'serviceentry.Analyzer', description: 'Checks the validity of ServiceEntry', inputs: ['ServiceEntry', 'MeshConfig'] },
  analyze({ index, mesh, report }) {
    const metadata = mesh.proxyMetadata;
    if (metadata.ISTIO_META_DNS_CAPTURE !== 'true') return;
    if (metadata.ISTIO_META_DNS_AUTO_ALLOCATE === 'true' || metadata.PILOT_ENABLE_IP_AUTOALLOCATE === 'true') return;
    for (const entry of index.ofKind('ServiceEntry')) {
      if ((entry.spec?.addresses ?? []).length > 0 || ((entry.status as any)?.addresses ?? []).length > 0) continue;
      (entry.spec?.ports ?? []).forEach((port: any, i: number) => {
        if (!port?.protocol || String(port.protocol).toUpperCase() === 'TCP') report(finding('IST0134', entry, istioMessages.serviceEntryAddressesRequired(), `spec.ports[${i}].name`));
      });
    }
  },
};
