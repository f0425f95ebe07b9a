import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { act, screen, waitFor, within } from '@testing-library/react';
import { CanaryAnalysis, EntityMeshStatus } from '@meshport/plugin-mesh-common';
import { clusterErrorStatus, recommendSidecarResources } from '@meshport/plugin-mesh-status-node';
import { MeshApi, meshApiRef } from '../api/MeshApi';
import { templateRouteRef } from '../routes';
import { EntityMeshCard } from './EntityMeshCard';
import { EntityMeshContent } from './EntityMeshContent';
import { demoClusterStatus, demoComponent as component, entityStatus } from '../__testUtils__/demoStatus';

/** How often the page asked what Git holds: a test waits for the answer before it checks what the page made of it. */
let mergedFilesAnswered = 0;

function renderWith(entity: Entity, answer: () => Promise<EntityMeshStatus>, element = <EntityMeshContent />, templatesMounted = true, storedPolicy?: string) {
  const api: MeshApi = {
    getEntityStatus: answer,
    // What Git holds for the entity: the stored policy when a test gives one, else no GitOps repository.
    getMergedFiles: async () => {
      mergedFilesAnswered += 1;
      if (storedPolicy === undefined) throw new Error('no GitOps repository is configured');
      return {
        commit: '0123456789abcdef',
        folder: 'mesh/payments/payment-service',
        files: storedPolicy ? [{ path: 'meshport-policy.yaml', content: storedPolicy }] : [],
      };
    },
    getSummaries: async () => {
      throw new Error('the entity page asks for no summaries');
    },
  };
  return renderInTestApp(
    <TestApiProvider apis={[[meshApiRef, api]]}>
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
    // The scaffolder's template page, where the app binds the plugin's template route.
    { mountedRoutes: templatesMounted ? { '/create/templates/:namespace/:templateName': templateRouteRef } : {} },
  );
}

const payments = component('payment-service', 'payments');

/** A canary at 10% whose success rate fails its threshold: the verdict is to roll back. */
const failingCanary = (versions: { canaryVersion?: string; stableVersion?: string } = {}): CanaryAnalysis => ({
  checks: [{ name: 'success rate', canary: 90, stable: 98.9, threshold: 99, pass: false }],
  verdict: 'rollback',
  reason: 'success rate 90.0% is under 99.0%',
  weight: 10,
  ...versions,
  thresholds: { minSuccessRate: 99, maxP99Ms: 500, minRequests: 100, stepWeight: 20, maxWeight: 50 },
  source: 'config',
});
const paymentStatus = () => entityStatus('payment-service', 'payments', [demoClusterStatus('prod', 'payments', 'payment-service')]);

describe('the Mesh tab', () => {
  it('shows a progress bar while loading', async () => {
    await renderWith(payments, () => new Promise(() => {}));
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it("shows payment-service's injection, mTLS, callers in words, canary split and overhead", async () => {
    await renderWith(payments, async () => paymentStatus());
    expect(await screen.findByText('Cluster prod')).toBeInTheDocument();
    expect(screen.getByText(/4 of 4 pods injected/)).toBeInTheDocument();
    expect(screen.getByText('Proxy versions: 1.30.0')).toBeInTheDocument();
    expect(screen.getAllByText(/native sidecar 1\.30\.0/)).toHaveLength(1);
    expect(screen.getByText(/order-service \(namespace orders\) may POST \/api\/v1\/process-payment/)).toBeInTheDocument();
    expect(screen.getByText(/Nobody may call \(deny by default\)/)).toBeInTheDocument();
    expect(screen.getByText('https://auth.example.com (audiences: payments)')).toBeInTheDocument();
    expect(screen.getByLabelText('canary split')).toHaveTextContent('v1 90%v2 10%');
    expect(screen.getByText(/v2: 10% of traffic, 1\/1 pods ready/)).toBeInTheDocument();
    expect(screen.getByText(/Sidecars request 0.4 CPU cores and 512 MiB memory: 40% of the app's CPU and 50% of its memory/)).toBeInTheDocument();
    expect(screen.getByText(/Health unknown: no Prometheus is configured for this cluster/)).toBeInTheDocument();
  });

  it("shows inventory-service in ambient mode: each pod's ztunnel and waypoint, the waypoint's readiness, where each policy is enforced", async () => {
    const inventory = component('inventory-service', 'inventory');
    await renderWith(inventory, async () => entityStatus('inventory-service', 'inventory', [demoClusterStatus('prod', 'inventory', 'inventory-service')]));
    expect(await screen.findByText('3 of 3 pods in ambient mode')).toBeInTheDocument();
    expect(screen.getByText(/Enrollment: namespace inventory: ambient mode/)).toBeInTheDocument();
    expect(screen.getByText(/Waypoint inventory\/inventory-service-waypoint \(for service, by the service's istio.io\/use-waypoint\)/)).toHaveTextContent(
      '1 of 1 pods ready',
    );
    expect(screen.getByText('ambient: ztunnel-4kx9p on node-1')).toBeInTheDocument();
    expect(screen.getAllByText('waypoint inventory/inventory-service-waypoint')).toHaveLength(3);
    expect(screen.getByText(/inventory\/inventory-service-callers, enforced by waypoint/)).toBeInTheDocument();
    expect(screen.getByText(/inventory\/inventory-service-waypoint-only, enforced by ztunnel/)).toBeInTheDocument();
    expect(screen.queryByText(/Proxy versions/)).not.toBeInTheDocument();
  });

  it('recommends sidecar requests from measured use, with a button to the right-sizing template filled in with them and the pods measured', async () => {
    const status = paymentStatus();
    // Each of the demo's four proxies (100m, 128Mi requested) measured at 50m and 60Mi for a day.
    const { overhead } = status.clusters[0];
    const history = new Map(overhead.pods.map(pod => [pod.name, { cpuPercentile: 50, memoryPeak: 60 * 2 ** 20, coveredSeconds: 86_400 }]));
    overhead.rightSizing = recommendSidecarResources(overhead.pods, history);
    await renderWith(payments, async () => status);
    const section = await screen.findByLabelText('right-sizing');
    expect(section).toHaveTextContent(
      'over 7d the proxies of 4 pods used at most 0.05 CPU cores (95th percentile) and 60 MiB memory. Request 0.065 CPU cores and 75 MiB memory (limit 150 MiB) instead of 0.1 CPU cores and 128 MiB: saves 0.14 CPU cores and 212 MiB memory over the pods.',
    );
    const href = screen.getByText('Open the right-sizing change request').closest('a')?.getAttribute('href') ?? '';
    expect(JSON.parse(decodeURIComponent(href.split('formData=')[1]))).toEqual({
      entity: 'component:default/payment-service',
      proxyCpuRequest: '65m',
      proxyMemoryRequest: '75Mi',
      proxyMemoryLimit: '150Mi',
      replicas: 4,
    });
    expect(href).toContain('/create/templates/default/mesh-right-size-proxy?');
  });

  it('judges the canary check by check and offers the recommended step of the canary template', async () => {
    const status = paymentStatus();
    status.clusters[0].traffic.canary!.analysis = {
      checks: [
        { name: 'requests', canary: 3000, stable: 27000, threshold: 100, pass: true },
        { name: 'success rate', canary: 99.5, stable: 99.9, threshold: 99, pass: true },
        { name: 'p99', canary: 120, stable: 95, threshold: 500, pass: true },
      ],
      verdict: 'shift',
      nextWeight: 30,
      reason: 'every check passed at 10%: shift to 30%',
      weight: 10,
      canaryVersion: 'v2',
      stableVersion: 'v1',
      thresholds: { minSuccessRate: 99, maxP99Ms: 500, minRequests: 100, stepWeight: 20, maxWeight: 50 },
      source: 'config',
    };
    await renderWith(payments, async () => status);
    const section = await screen.findByLabelText('canary analysis');
    expect(section).toHaveTextContent('success rate99.5%99.9%at least 99.0%pass');
    expect(section).toHaveTextContent("Verdict: shift, every check passed at 10%: shift to 30% (thresholds from the portal's config).");
    const href =
      screen
        .getByText(/Shift to 30%: open the change request/)
        .closest('a')
        ?.getAttribute('href') ?? '';
    expect(JSON.parse(decodeURIComponent(href.split('formData=')[1]))).toEqual({
      entity: 'component:default/payment-service',
      step: 'shift',
      canaryWeight: 30,
    });
  });

  it.each([
    [
      'a policy without a canary',
      'service:\n  name: payment-service\n',
      'the policy in Git has none: adopt it into Git first',
      'Adopt the running canary into Git',
      // The versions and the weight the demo cluster runs (v2 at 10%).
      { entity: 'component:default/payment-service', step: 'start', stableVersion: 'v1', canaryVersion: 'v2', canaryWeight: 10 },
    ],
    [
      'no policy',
      '',
      'Git holds no Meshport policy for this service: put it on the mesh first',
      'Put the service on the mesh',
      { entity: 'component:default/payment-service' },
    ],
  ])(
    'says when the cluster runs a canary Git does not hold (%s), and offers what comes first instead of a step that would fail',
    async (_case, stored, words, button, formData) => {
      const status = paymentStatus();
      status.clusters[0].traffic.canary!.analysis = failingCanary({ canaryVersion: 'v2', stableVersion: 'v1' });
      await renderWith(payments, async () => status, <EntityMeshContent />, true, stored);
      expect(await screen.findByLabelText('canary outside git')).toHaveTextContent(words);
      expect(screen.queryByText(/Roll back: open the change request/)).toBeNull();
      const href = screen.getByText(button).closest('a')?.getAttribute('href') ?? '';
      expect(JSON.parse(decodeURIComponent(href.split('formData=')[1]))).toEqual(formData);
    },
  );

  it('offers the canary step when the policy in Git holds the canary', async () => {
    const status = paymentStatus();
    status.clusters[0].traffic.canary!.analysis = failingCanary();
    const stored = 'service:\n  name: payment-service\ncanary:\n  stableVersion: v1\n  canaryVersion: v2\n  canaryWeight: 10\n';
    const asked = mergedFilesAnswered;
    await renderWith(payments, async () => status, <EntityMeshContent />, true, stored);
    await waitFor(() => expect(mergedFilesAnswered).toBeGreaterThan(asked));
    await act(async () => {});
    expect(screen.getByText(/Roll back: open the change request/)).toBeInTheDocument();
    expect(screen.queryByLabelText('canary outside git')).toBeNull();
  });

  it('asks what Git holds once for the tab, however many clusters run the canary', async () => {
    const status = paymentStatus();
    status.clusters.push(demoClusterStatus('dr', 'payments', 'payment-service'));
    for (const cluster of status.clusters) cluster.traffic.canary!.analysis = failingCanary();
    const stored = 'service:\n  name: payment-service\ncanary:\n  stableVersion: v1\n  canaryVersion: v2\n  canaryWeight: 10\n';
    const asked = mergedFilesAnswered;
    await renderWith(payments, async () => status, <EntityMeshContent />, true, stored);
    await waitFor(() => expect(screen.getAllByText(/Roll back: open the change request/)).toHaveLength(2));
    expect(mergedFilesAnswered - asked).toBe(1);
  });

  it('shows what policies in dry run would deny with the button that enforces them, and callers seen against callers allowed', async () => {
    const status = paymentStatus();
    status.clusters[0].security.dryRun = { policies: ['payments/payment-service-allow-callers'], window: '5m', deniedPerSecond: 0.5 };
    // The demo's caller rule, as if it were only tried: enforcing it must keep order-service in.
    const tried = status.clusters[0].security.authorizationPolicies.find(policy => policy.name === 'payment-service-callers')!;
    tried.dryRun = true;
    status.clusters[0].security.callers = [
      {
        principal: 'cluster.local/ns/reports/sa/nightly',
        rate: 0.4,
        allowed: false,
        observed: true,
        words: 'cluster.local/ns/reports/sa/nightly calls you (0.40 req/s) but no ALLOW rule admits it: its requests are denied',
      },
    ];
    await renderWith(payments, async () => status);
    expect(await screen.findByLabelText('authorization dry run')).toHaveTextContent(
      'In dry run, counted but not enforced: payments/payment-service-allow-callers; they would have denied 0.50 requests/s over the last 5m.',
    );
    const href = screen.getByText('Enforce: open the change request').closest('a')?.getAttribute('href') ?? '';
    // The enforce template turns the stored policy's dry run off and keeps its callers: it needs only the entity.
    expect(href).toContain('/create/templates/default/mesh-enforce-authorization?');
    expect(JSON.parse(decodeURIComponent(href.split('formData=')[1]))).toEqual({ entity: 'component:default/payment-service' });
    expect(screen.getByLabelText('callers seen and allowed')).toHaveTextContent('nightly calls you (0.40 req/s) but no ALLOW rule admits it');
  });

  it('shows what became of the merged configuration: each object applied, drifted (which field) or not applied', async () => {
    const status = paymentStatus();
    status.clusters[0].afterMerge = {
      commit: '0123456789abcdef0123456789abcdef01234567',
      objects: [
        {
          file: 'peerauthentication-payment-service.yaml',
          kind: 'PeerAuthentication',
          namespace: 'payments',
          name: 'payment-service',
          state: 'drifted',
          differences: ['spec.portLevelMtls.9090.mode'],
        },
        { file: 'destinationrule-payment-service.yaml', kind: 'DestinationRule', namespace: 'payments', name: 'payment-service', state: 'applied' },
      ],
    };
    await renderWith(payments, async () => status);
    expect(await screen.findByText('The GitOps target branch at 0123456789ab: 2 objects, 1 not as merged.')).toBeInTheDocument();
    expect(screen.getByText(/drifted: spec.portLevelMtls.9090.mode/)).toBeInTheDocument();
  });

  it('shows health figures, per-version success and p99 when Prometheus answers', async () => {
    const status = paymentStatus();
    status.clusters[0].health = {
      state: 'ok',
      window: '5m',
      overall: { requestRate: 100, errorShare: 0.02, latencyMs: { p50: 28.5, p90: 50, p99: 95 } },
      perVersion: [
        { version: 'v1', requestRate: 90, errorShare: 1 / 90, latencyMs: { p99: 95 } },
        { version: 'v2', requestRate: 10, errorShare: 0.1, latencyMs: { p99: 475 } },
      ],
      mtlsShare: 0.9,
      series: [
        { time: 1, requestRate: 99 },
        { time: 2, requestRate: 101 },
      ],
    };
    await renderWith(payments, async () => status);
    expect(await screen.findByText(/100\.0 req\/s, errors 2\.00%, p50 29 ms, p90 50 ms, p99 95 ms/)).toBeInTheDocument();
    expect(screen.getByText('Over mutual TLS: 90.0%')).toBeInTheDocument();
    expect(screen.getByText(/v2: 10% of traffic, 1\/1 pods ready, success 90\.0%, p99 475 ms/)).toBeInTheDocument();
    expect(screen.getByRole('figure', { name: 'Requests chart' })).toBeInTheDocument();
    expect(screen.getByLabelText('time range')).toBeInTheDocument();
  });

  it("draws each version's rate, 5xx share and p99 with the error-rate thresholds, once the status has them", async () => {
    const status = paymentStatus();
    const points = (rate: number, errorShare: number, p99: number) => [0, 60].map(time => ({ time, requestRate: rate, errorShare, p99 }));
    status.clusters[0].health = {
      state: 'ok',
      window: '5m',
      overall: { requestRate: 100, errorShare: 0.02, latencyMs: {} },
      perVersion: [],
      series: [],
      versionSeries: [
        { version: 'v1', points: points(90, 0.011, 95) },
        { version: 'v2', points: points(10, 0.1, 475) },
      ],
      assessment: { state: 'degraded', thresholds: { degradedPercent: 0.1, failingPercent: 10 }, source: 'config', perVersion: [] },
    };
    await renderWith(payments, async () => status);
    // The charts themselves are drawn by recharts at the browser's size (the browser suite reads their axes); here, that each is there.
    for (const chart of ['Requests chart', '5xx answers chart', 'p99 latency chart'])
      expect(await screen.findByRole('figure', { name: chart })).toBeInTheDocument();
    expect(screen.getByText('5xx answers (%)')).toBeInTheDocument();
    expect(screen.getByLabelText('needs attention')).toHaveTextContent('Warning: Requests are degraded: 2.0% answered 5xx (degraded from 0.1%).');
  });

  it('offers the onboarding template, with the entity picked, to a service not on the mesh', async () => {
    await renderWith(component('user-service', 'users'), async () =>
      entityStatus('user-service', 'users', [demoClusterStatus('prod', 'users', 'user-service')]),
    );
    expect(await screen.findByText('user-service is not on the mesh yet')).toBeInTheDocument();
    const button = screen.getByText('Onboard user-service').closest('a');
    expect(button).toHaveAttribute(
      'href',
      `/create/templates/default/mesh-onboard-service?formData=${encodeURIComponent('{"entity":"component:default/user-service"}')}`,
    );
    expect(screen.getByText(/IST0102/)).toBeInTheDocument();
  });

  it('claims no mTLS for user-service, whose pods have no proxy, and marks its finding as a note, not as a pass', async () => {
    await renderWith(component('user-service', 'users'), async () =>
      entityStatus('user-service', 'users', [demoClusterStatus('prod', 'users', 'user-service')]),
    );
    expect(await screen.findByLabelText('mtls not applied')).toHaveTextContent(
      'No pod has an Istio proxy: nothing enforces mutual TLS, and every port accepts plain text.',
    );
    expect(screen.queryByLabelText('mutual tls')).toBeNull();
    expect(screen.getByLabelText('needs attention')).toHaveTextContent(
      'Warning: Not on the mesh: no pod has an Istio proxy, so mutual TLS and authorization do not apply.',
    );
    const findings = screen.getByLabelText('findings');
    expect(within(findings).getByText('IST0102').closest('[aria-label]')).toHaveAttribute('aria-label', 'Status pending');
    expect(within(findings).queryAllByLabelText('Status ok')).toEqual([]);
  });

  it("writes each workload's mTLS once, with only the ports that differ", async () => {
    await renderWith(payments, async () => paymentStatus());
    const lines = (await screen.findByLabelText('mutual tls')).querySelectorAll('li');
    expect([...lines].map(line => line.textContent)).toEqual([
      'payment-service-v1: STRICT (by PeerAuthentication payments/payment-service, workload-wide) on every port; port 9090: PERMISSIVE (by PeerAuthentication payments/payment-service, workload-wide)',
      'payment-service-v2: STRICT (by PeerAuthentication payments/payment-service, workload-wide) on every port; port 9090: PERMISSIVE (by PeerAuthentication payments/payment-service, workload-wide)',
    ]);
  });

  it('leaves the template buttons out in an app that has not bound the template route', async () => {
    await renderWith(
      component('user-service', 'users'),
      async () => entityStatus('user-service', 'users', [demoClusterStatus('prod', 'users', 'user-service')]),
      <EntityMeshContent />,
      false,
    );
    expect(await screen.findByText('user-service is not on the mesh yet')).toBeInTheDocument();
    expect(screen.queryByText('Onboard user-service')).not.toBeInTheDocument();
  });

  it('shows the clusters that answered next to a warning for the one that failed', async () => {
    const status = paymentStatus();
    status.clusters.push(clusterErrorStatus('dr', { reason: 'forbidden', message: 'the service account may not read these objects (403)' }));
    await renderWith(payments, async () => status);
    expect(await screen.findByLabelText('attention in cluster dr')).toHaveTextContent(
      'Error: Cluster dr could not be read: the service account may not read these objects (403).',
    );
    expect(screen.getByText(/the service account may not read these objects \(403\) \(forbidden\)/)).toBeInTheDocument();
    expect(screen.getByText(/4 of 4 pods injected/)).toBeInTheDocument();
  });

  it('says the findings are still being worked out right after start-up, not that there are none', async () => {
    const status = paymentStatus();
    status.clusters[0] = { ...status.clusters[0], findings: [], pending: ['findings'] };
    await renderWith(payments, async () => status);
    expect(await screen.findByText(/Meshport is still analysing cluster prod's configuration/)).toBeInTheDocument();
    expect(screen.queryByText('No findings.')).not.toBeInTheDocument();
  });

  it('says how istiod was asked for the proxies’ sync', async () => {
    const status = paymentStatus();
    const workloads = {
      ...status.clusters[0].workloads,
      proxySyncSource: "istiod's xDS debug request (syncz) at istiod.istio-system.svc:15012, as istioctl proxy-status asks it",
    };
    status.clusters[0] = { ...status.clusters[0], workloads };
    await renderWith(payments, async () => status);
    expect(
      await screen.findByText("Config sync from istiod's xDS debug request (syncz) at istiod.istio-system.svc:15012, as istioctl proxy-status asks it."),
    ).toBeInTheDocument();
  });

  it('shows the error when the status cannot be loaded', async () => {
    const response = new Response(JSON.stringify({ error: { name: 'NotAllowedError', message: 'not allowed to read the mesh status' } }), {
      status: 403,
      statusText: 'Forbidden',
      headers: { 'content-type': 'application/json' },
    });
    const error = await ResponseError.fromResponse(response as any);
    await renderWith(payments, () => Promise.reject(error));
    expect(await screen.findByText(/The mesh status could not be loaded/)).toBeInTheDocument();
    expect(screen.getAllByText(/403 Forbidden.*not allowed to read the mesh status/)[0]).toBeInTheDocument();
  });

  it('asks for the annotation when the entity names no Kubernetes objects', async () => {
    await renderWith(payments, async () => ({ ...paymentStatus(), target: undefined, clusters: [] }));
    expect(await screen.findByText(/Missing Annotation/i)).toBeInTheDocument();
  });

  it('says when no cluster is configured', async () => {
    await renderWith(payments, async () => ({ ...paymentStatus(), clusters: [] }));
    expect(await screen.findByText('No cluster is configured')).toBeInTheDocument();
  });

  it('lists open onboarding changes with links', async () => {
    await renderWith(payments, async () => ({
      ...paymentStatus(),
      pendingChanges: { items: [{ url: 'https://github.example.com/acme/gitops/pull/7', number: 7, branch: 'meshport/payments/payment-service' }] },
    }));
    const link = (await screen.findByText(/#7 meshport\/payments\/payment-service/)).closest('a');
    expect(link).toHaveAttribute('href', 'https://github.example.com/acme/gitops/pull/7');
  });

  it("shows a change on a plain Git repository of the portal's machine as its branch and the command that shows it, not as a link to nowhere", async () => {
    await renderWith(payments, async () => ({
      ...paymentStatus(),
      pendingChanges: { items: [{ url: 'file:///srv/meshport/gitops.git#meshport/payments/payment-service', branch: 'meshport/payments/payment-service' }] },
    }));
    const item = await screen.findByLabelText('open mesh changes');
    expect(item).toHaveTextContent(
      "meshport/payments/payment-service: branch meshport/payments/payment-service of the Git repository on the portal's machine; see it with git -C /srv/meshport/gitops.git log -p HEAD..meshport/payments/payment-service",
    );
    expect(item.querySelector('a')).toBeNull();
  });
});

describe('the Mesh card', () => {
  it('sums each cluster up in one line', async () => {
    const status = paymentStatus();
    status.clusters.push(clusterErrorStatus('dr', { reason: 'timeout', message: 'no answer' }));
    await renderWith(payments, async () => status, <EntityMeshCard />);
    expect(await screen.findByLabelText('cluster prod')).toHaveTextContent(
      "prodNote: mTLS mode is PERMISSIVE: plaintext traffic is accepted.4 of 4 pods with a sidecar · mTLS STRICT · health unknown · sidecars request 40% of the app's CPU",
    );
    expect(screen.getByLabelText('cluster dr')).toHaveTextContent('Error: Cluster dr could not be read: no answer.could not be read (timeout)');
  });
});
