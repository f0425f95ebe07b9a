import { toYaml } from '@meshport/istio-config';
import {
  ambientNamespacePolicyExample,
  ambientWaypointPolicyExample,
  egressPolicyExample,
  namespacePolicyExample,
  paymentServicePolicyExample,
  scopedPolicyExample,
} from '../examples';
import { KubeObject } from './kubeObject';
import { renderNamespacePolicy, renderPolicy } from './renderPolicy';

/**
 * What the renderer writes for each kind, as the change request shows it, from the example policies that
 * between them use every section. A change to any renderer shows up here, one snapshot per kind, so that a
 * reviewer sees the manifests it changes and not only whether they still validate.
 */
const rendered: Array<{ policy: string; objects: KubeObject[] }> = [
  { policy: 'payment-service (every section)', objects: patchesAndObjects(renderPolicy(paymentServicePolicyExample)) },
  { policy: 'checkout (ambient, waypoint, canary)', objects: patchesAndObjects(renderPolicy(ambientWaypointPolicyExample)) },
  { policy: 'order-service (egress)', objects: patchesAndObjects(renderPolicy(egressPolicyExample)) },
  { policy: 'order-service (proxy scope)', objects: patchesAndObjects(renderPolicy(scopedPolicyExample)) },
  { policy: 'namespace (sidecar)', objects: patchesAndObjects(renderNamespacePolicy(namespacePolicyExample)) },
  { policy: 'namespace (ambient)', objects: patchesAndObjects(renderNamespacePolicy(ambientNamespacePolicyExample)) },
];

/** Every object a render writes, the kustomize patches among them, in file order. */
function patchesAndObjects(render: ReturnType<typeof renderPolicy>): KubeObject[] {
  return render.files.flatMap(file => file.objects);
}

/** "Kind (group)" for one object: Istio's Gateway and the Gateway API's are two kinds. */
function kindOf(object: KubeObject): string {
  return `${object.kind} (${object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : 'core'})`;
}

const kinds = [...new Set(rendered.flatMap(r => r.objects.map(kindOf)))].sort();

describe('what the renderer writes, per kind', () => {
  it('covers every kind Meshport renders', () => {
    expect(kinds).toEqual([
      'AuthorizationPolicy (security.istio.io)',
      'Component (kustomize.config.k8s.io)',
      'Deployment (apps)',
      'DestinationRule (networking.istio.io)',
      'Gateway (gateway.networking.k8s.io)',
      'Gateway (networking.istio.io)',
      'HTTPRoute (gateway.networking.k8s.io)',
      'Kustomization (kustomize.config.k8s.io)',
      'Namespace (core)',
      'PeerAuthentication (security.istio.io)',
      'RequestAuthentication (security.istio.io)',
      'Service (core)',
      'ServiceEntry (networking.istio.io)',
      'Sidecar (networking.istio.io)',
      'Telemetry (telemetry.istio.io)',
      'VirtualService (networking.istio.io)',
    ]);
  });

  it.each(kinds)('%s', kind => {
    const yaml = rendered
      .map(({ policy, objects }) => ({ policy, objects: objects.filter(object => kindOf(object) === kind) }))
      .filter(({ objects }) => objects.length > 0)
      .map(({ policy, objects }) => `# ${policy}\n${toYaml(objects)}`)
      .join('\n');
    expect(yaml).toMatchSnapshot();
  });
});
