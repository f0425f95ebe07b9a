import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { clusterErrorStatus, statusSummary } from '@meshport/plugin-mesh-common';
import { MeshApi, meshApiRef } from '../../api/MeshApi';
import { demoClusterStatus, demoComponent as component, entityStatus } from '../testFixtures';
import { MeshOverviewPage } from './MeshOverviewPage';
import { overviewRow, overviewSummary } from './overviewRows';


const services = [component('payment-service', 'payments'), component('order-service', 'orders'), component('user-service', 'users')];
const statusOf = (name: string, namespace: string) => entityStatus(name, namespace, [demoClusterStatus('demo', namespace, name)]);

describe('the mesh overview', () => {
  it('sums coverage, strict mTLS and sidecar cost over the components', () => {
    const rows = services.map(entity => overviewRow(entity, { summary: statusSummary(statusOf(entity.metadata.name, entity.metadata.annotations!['backstage.io/kubernetes-namespace'])) }));
    expect(rows.map(r => [r.name, `${r.injectedPods}/${r.totalPods}`, r.strictMtls])).toEqual([
      ['payment-service', '4/4', true],
      ['order-service', '2/2', true],
      ['user-service', '0/2', false],
    ]);
    expect(rows[0].worstFinding?.code).toBe('MP0006');
    expect(overviewSummary(rows)).toEqual({ components: 3, onboarded: 2, strictMtls: 2, sidecarCpuMillicores: 600, sidecarMemoryBytes: 6 * 128 * 2 ** 20 });
  });

  it('lists every component with a link to its Mesh tab, and says which could not be read', async () => {
    const statusByName = (name: string) => {
      if (name === 'order-service') {
        const status = statusOf('order-service', 'orders');
        status.clusters = [clusterErrorStatus('demo', { reason: 'timeout', message: 'no answer' })];
        return status;
      }
      return statusOf(name, name === 'payment-service' ? 'payments' : 'users');
    };
    const asked: string[][] = [];
    const meshApi: MeshApi = {
      getEntityStatus: async () => {
        throw new Error('the overview asks for summaries, not whole statuses');
      },
      getSummaries: async refs => {
        asked.push(refs);
        return refs.map(ref => ({ entityRef: ref, summary: statusSummary(statusByName(ref.split('/')[1])) }));
      },
    };
    const catalogApi = { getEntities: async () => ({ items: services }) };
    await renderInTestApp(
      <TestApiProvider apis={[[meshApiRef, meshApi], [catalogApiRef, catalogApi as any]]}>
        <MeshOverviewPage />
      </TestApiProvider>,
    );
    expect(await screen.findByText(/1 of 3 components on the mesh; 1 of 1 with strict mTLS; sidecars request 400m CPU and 512Mi memory in total/)).toBeInTheDocument();
    expect(screen.getByText('payment-service').closest('a')).toHaveAttribute('href', '/catalog/default/component/payment-service/mesh');
    expect(screen.getByText('clusters not read: demo: timeout')).toBeInTheDocument();
    expect(asked).toEqual([['component:default/payment-service', 'component:default/order-service', 'component:default/user-service']]);
  });
});
