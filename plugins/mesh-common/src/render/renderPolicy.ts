import { MeshPolicy, MeshPolicyInput, NamespacePolicy, NamespacePolicyInput, parseMeshPolicy, parseNamespacePolicy, PolicyValidationError } from '../model';
import { renderAuthorizationPolicies } from './authorizationPolicies';
import { renderDestinationRules } from './destinationRule';
import { renderEgress } from './egress';
import { fileNameFor, kustomization, patchFileName, RenderedFile, sidecarComponent, sortObjects } from './files';
import { renderGateway } from './gateway';
import { renderHttpRoute, renderVersionServices } from './httpRoute';
import { KubeObject } from './kubeObject';
import { renderNamespaceObjects } from './namespacePolicy';
import { renderPeerAuthentication } from './peerAuthentication';
import { renderRequestAuthentication } from './requestAuthentication';
import { renderSidecarPatch } from './sidecarPatch';
import { renderSidecarScope } from './sidecarScope';
import { renderTelemetry } from './telemetry';
import { renderVirtualServices } from './virtualServices';
import { renderServicePatch, renderWaypoint } from './waypoint';

/**
 * What a policy renders to: the mesh objects, and the files a GitOps folder gets.
 *
 * @public
 */
export interface RenderedPolicy {
  /** Istio (and Namespace) objects, in stable order. */
  objects: KubeObject[];
  /** The Deployment patch, kept apart: it is not a resource of its own. */
  sidecarPatch?: KubeObject;
  /** In ambient mode with a waypoint, the Service patch that sends its traffic through the waypoint. */
  servicePatch?: KubeObject;
  /** Every file, kustomization.yaml included, in stable order. */
  files: RenderedFile[];
}

export const SIDECAR_COMPONENT_DIR = 'sidecar';

function filesFor(objects: KubeObject[], patches: KubeObject[] = []): RenderedFile[] {
  const resourceFiles = objects.map(object => ({ path: fileNameFor(object), objects: [object] }));
  // The sidecar component is not listed here: the app's own overlay includes it next to its Deployment.
  const files: RenderedFile[] = [{ path: 'kustomization.yaml', objects: [kustomization(resourceFiles.map(f => f.path))] }, ...resourceFiles];
  if (patches.length > 0) {
    files.push(
      { path: `${SIDECAR_COMPONENT_DIR}/kustomization.yaml`, objects: [sidecarComponent(patches)] },
      ...patches.map(patch => ({ path: `${SIDECAR_COMPONENT_DIR}/${patchFileName(patch)}`, objects: [patch] })),
    );
  }
  return files;
}

function validPolicy(input: MeshPolicyInput | MeshPolicy): MeshPolicy {
  const parsed = parseMeshPolicy(input);
  if (!parsed.ok) throw new PolicyValidationError(parsed.errors);
  return parsed.value;
}

/**
 * Renders a service policy into Istio objects and files. Throws PolicyValidationError on invalid input.
 *
 * @public
 */
export function renderPolicy(input: MeshPolicyInput | MeshPolicy): RenderedPolicy {
  const policy = validPolicy(input);
  const objects = sortObjects(
    [
      renderPeerAuthentication(policy),
      renderRequestAuthentication(policy),
      ...renderAuthorizationPolicies(policy),
      ...renderDestinationRules(policy),
      renderGateway(policy),
      ...renderVirtualServices(policy),
      renderHttpRoute(policy),
      ...renderVersionServices(policy),
      renderTelemetry(policy),
      renderWaypoint(policy),
      renderSidecarScope(policy),
      ...renderEgress(policy),
    ].filter((object): object is KubeObject => Boolean(object)),
  );
  const sidecarPatch = renderSidecarPatch(policy);
  const servicePatch = renderServicePatch(policy);
  return {
    objects,
    sidecarPatch,
    ...(servicePatch ? { servicePatch } : {}),
    files: filesFor(objects, [sidecarPatch, ...(servicePatch ? [servicePatch] : [])]),
  };
}

/**
 * Renders a namespace policy. Throws PolicyValidationError on invalid input.
 *
 * @public
 */
export function renderNamespacePolicy(input: NamespacePolicyInput | NamespacePolicy): RenderedPolicy {
  const parsed = parseNamespacePolicy(input);
  if (!parsed.ok) throw new PolicyValidationError(parsed.errors);
  const objects = sortObjects(renderNamespaceObjects(parsed.value));
  return { objects, files: filesFor(objects) };
}
