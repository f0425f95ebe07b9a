import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { statusSummary } from '@meshport/plugin-mesh-common';
import { clusterErrorStatus } from '@meshport/plugin-mesh-status-node';
import { MeshApi, meshApiRef } from '../../api/MeshApi';
import { demoClusterStatus, demoComponent as component, entityStatus } from '../../__testUtils__/demoStatus';
import { MeshOverviewPage } from './MeshOverviewPage';
import { overviewRow, overviewSummary } from './overviewRows';

const services = [component('payment-service', 'payments'), component('order-service', 'orders'), component('user-service', 'users')];
const statusOf = (name: string, namespace: string) => entityStatus(name, namespace, [demoClusterStatus('demo', namespace, name)]);

const MI = 2 ** 20;

describe('the mesh overview', () => {
  it('sums coverage, strict mTLS, sidecar cost, and both data planes mesh-wide over the components', () => {
    const rows = [...services, component('inventory-service', 'inventory')].map(entity =>
      overviewRow(entity, { summary: statusSummary(statusOf(entity.metadata.name, entity.metadata.annotations!['backstage.io/kubernetes-namespace'])) }),
    );
    expect(rows.map(r => [r.name, `${r.injectedPods}/${r.totalPods}`, `${r.ambientPods}/${r.totalPods}`, r.strictMtls])).toEqual([
      ['payment-service', '4/4', '0/4', true],
      ['order-service', '2/2', '0/2', true],
      ['user-service', '0/2', '0/2', false],
      ['inventory-service', '0/3', '3/3', true],
    ]);
    expect(rows[0].worstFinding?.code).toBe('MP0006');
    const summary = overviewSummary(rows);
    expect({ ...summary, allAmbient: undefined }).toEqual({
      components: 4,
      onboarded: 3,
      strictMtls: 3,
      sidecarCpuMillicores: 600,
      sidecarMemoryBytes: 6 * 128 * MI,
      priced: 4,
      // Every pod with a proxy of Istio's default 100m and 128Mi (the demo's injector and sidecars).
      allSidecar: { cpu: 11 * 100, memory: 11 * 128 * MI },
      allAmbient: undefined,
      // No Prometheus behind the demo snapshot: nothing to right-size.
      rightSizing: [],
      rightSizingTotal: { cpu: 0, memory: 0 },
    });
    // Pods per node besides ztunnel: node-1 6, node-2 4, node-3 2. Shares of a 200m/512Mi ztunnel:
    // payment-service 2/6 + 1/4 + 1/2, order-service and user-service 1/6 + 1/4 each, inventory-service
    // 1/6 + 1/4 + 1/2; payment-service and order-service need a waypoint (their callers are allowed by path),
    // inventory-service runs one: 100m/128Mi each.
    const ztunnels = 13 / 12 + 5 / 12 + 5 / 12 + 11 / 12;
    expect(summary.allAmbient.cpu).toBeCloseTo(ztunnels * 200 + 3 * 100);
    expect(summary.allAmbient.memory).toBeCloseTo(ztunnels * 512 * MI + 3 * 128 * MI);
  });

  it('lists the biggest right-sizing savings first, by the memory they free, and adds them up', () => {
    const row = (name: string, memory?: number) => ({
      ...overviewRow(component(name, 'shop'), {}),
      ...(memory !== undefined ? { sidecarSaving: { cpu: 10, memory: memory * MI } } : {}),
    });
    const summary = overviewSummary([row('a', 20), row('b'), row('c', 300), row('d', -50)]);
    expect(summary.rightSizing.map(r => r.name)).toEqual(['c', 'a']);
    expect(summary.rightSizingTotal).toEqual({ cpu: 20, memory: 320 * MI });
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
      getMergedFiles: async () => {
        throw new Error('this page asks for no merged files');
      },
      getSummaries: async refs => {
        asked.push(refs);
        return refs.map(ref => ({ entityRef: ref, summary: statusSummary(statusByName(ref.split('/')[1])) }));
      },
    };
    const catalogApi = { getEntities: async () => ({ items: services }) };
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [meshApiRef, meshApi],
          [catalogApiRef, catalogApi as any],
        ]}
      >
        <MeshOverviewPage />
      </TestApiProvider>,
      // The catalog's entity pages, where the app mounts them: the links go through the route ref.
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(
      await screen.findByText(/1 of 3 components on the mesh; 1 of 1 with strict mTLS; sidecars request 0.4 CPU cores and 512 MiB memory in total/),
    ).toBeInTheDocument();
    // Priced: payment-service and user-service (order-service's cluster did not answer).
    expect(screen.getByLabelText('mesh-wide data plane cost')).toHaveTextContent(
      'Over the 2 components with pods: sidecars everywhere would request 0.6 CPU cores and 768 MiB memory; ambient everywhere 0.4 CPU cores and 896 MiB memory (ztunnel shares and waypoints). Moving every namespace to ambient saves 0.2 CPU cores and adds 128 MiB memory in requests.',
    );
    // Health, findings and drift have their columns; without Prometheus, health is unknown and no call is drawn.
    const headers = screen.getAllByRole('columnheader').map(h => h.textContent);
    expect(headers).toEqual(expect.arrayContaining(['Component', 'Health', 'On the mesh', 'Findings', 'Drift', 'Cost']));
    expect(screen.getByText(/No calls between namespaces were measured/)).toBeInTheDocument();
    expect(screen.getByText('not on the mesh (2 pods)')).toBeInTheDocument();
    expect(screen.getByText('mTLS: none: no proxy')).toBeInTheDocument();
    expect(screen.getByText('payment-service').closest('a')).toHaveAttribute('href', '/catalog/default/component/payment-service/mesh');
    expect(screen.getByText('clusters not read: demo: timeout')).toBeInTheDocument();
    expect(asked).toEqual([['component:default/payment-service', 'component:default/order-service', 'component:default/user-service']]);
  });
});
