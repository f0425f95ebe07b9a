import { MeshPolicyInput, parseMeshPolicy, renderPolicy } from '@meshport/plugin-mesh-common';

type Obj = Record<string, any>;

/** Where Meshport's default layout keeps order-service's files in the demo GitOps repository. */
export const DEMO_MERGED_FOLDER = 'mesh/orders/order-service';

/**
 * order-service as merged on the demo GitOps repository's main branch: onboarded through Meshport with its
 * deny-by-default and allowed callers tried in dry run first, and a proxy scope that names user-service,
 * which it calls. The demo cluster runs all of it but the scope's last host (see demoCluster.ts).
 */
export const demoOrderServicePolicy: MeshPolicyInput = {
  service: {
    name: 'order-service',
    namespace: 'orders',
    serviceAccount: 'order-service',
    ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }],
    versionLabel: 'v1',
    replicas: 2,
  },
  authorization: {
    dryRun: true,
    allow: [{ principals: ['cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account'], methods: ['GET', 'POST'], paths: ['/api/v1/orders*'] }],
    healthCheckPaths: ['/healthz'],
  },
  scope: { hosts: ['payments/payment-service.payments.svc.cluster.local', 'users/user-service.users.svc.cluster.local'] },
};

/** The host the merged scope adds and the cluster's Sidecar does not have yet. */
export const DEMO_SCOPE_NOT_APPLIED = 'users/user-service.users.svc.cluster.local';

/** What Meshport renders from the merged policy: its Istio objects, and the patch its kustomize component lays on the Deployment. */
export function demoOrderServiceRender(): { objects: Obj[]; deploymentPatch: Obj } {
  const parsed = parseMeshPolicy(demoOrderServicePolicy);
  if (!parsed.ok) throw new Error(`the demo's order-service policy is invalid: ${JSON.stringify(parsed.errors)}`);
  const rendered = renderPolicy(parsed.value);
  const deploymentPatch = rendered.files.flatMap(file => file.objects).find(object => object.kind === 'Deployment');
  if (!deploymentPatch) throw new Error("the demo's order-service policy renders no Deployment patch");
  return { objects: rendered.objects, deploymentPatch };
}
