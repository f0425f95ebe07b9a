import { l7Needs, MeshPolicy, MeshPolicyInput, parseMeshPolicy, PolicyValidationError } from '../model';
import { policySidecarResources, times } from './estimate';
import { Amounts, ContainerResourceAmounts, ISTIO_DEFAULT_PROXY_RESOURCES, sumResources } from './sidecarResources';

const MI = 1024 ** 2;

/**
 * ztunnel's resources in Istio's chart (manifests/charts/ztunnel/values.yaml): requests only, no limits.
 *
 * @public
 */
export const ZTUNNEL_DEFAULT_RESOURCES: ContainerResourceAmounts = { requests: { cpu: 200, memory: 512 * MI }, limits: {} };

/**
 * A waypoint proxy's resources in Istio's chart (istio-discovery values, global.waypoint.resources).
 *
 * @public
 */
export const WAYPOINT_DEFAULT_RESOURCES: ContainerResourceAmounts = { requests: { cpu: 100, memory: 128 * MI }, limits: { cpu: 2000, memory: 1024 * MI } };

/**
 * Pods per node assumed for a service's share of its nodes' ztunnels when the cluster is not known.
 *
 * @public
 */
export const DEFAULT_PODS_PER_NODE = 30;

/**
 * One thing a data plane charges the service for.
 *
 * @public
 */
export interface DataPlaneCostPart {
  name: 'sidecar' | 'ztunnel' | 'waypoint';
  /** How many of it the service is charged for: pods for sidecars, a share of one ztunnel or waypoint otherwise. */
  count: number;
  /** One of it. */
  each: ContainerResourceAmounts;
  /** How the count was reached, in words. */
  basis: string;
  /** What one of it uses, measured (CPU millicores, memory bytes), where Prometheus has it. */
  measured?: Amounts;
}

/**
 * What one data plane costs the service.
 *
 * @public
 */
export interface DataPlaneCost {
  mode: MeshPolicy['dataPlane']['mode'];
  parts: DataPlaneCostPart[];
  total: ContainerResourceAmounts;
  /** What it uses in all, measured: only when every part was measured. */
  measured?: Amounts;
}

/**
 * Both data planes for one service, side by side.
 *
 * @public
 */
export interface DataPlaneComparison {
  /** The one the policy chooses, or the one the pods run on (`mixed` when both, `none` off the mesh). */
  chosen: MeshPolicy['dataPlane']['mode'] | 'mixed' | 'none';
  replicas: number;
  sidecar: DataPlaneCost;
  ambient: DataPlaneCost;
  /** What ambient requests less than sidecars (negative where it requests more). */
  ambientSaves: Amounts;
  /** Why ambient would need a waypoint: the parts of the policy that need HTTP. */
  waypointFor: string[];
}

/**
 * What the service's own pods and nodes look like; figures from the cluster replace the defaults.
 *
 * @public
 */
export interface DataPlaneCostOptions {
  /** Pods sharing a node, and with it a ztunnel; default DEFAULT_PODS_PER_NODE. */
  podsPerNode?: number;
  /** The mesh's sidecar defaults (its injector's values). */
  sidecarDefaults?: ContainerResourceAmounts;
  ztunnel?: ContainerResourceAmounts;
  waypoint?: ContainerResourceAmounts;
}

function costOf(mode: DataPlaneCost['mode'], parts: DataPlaneCostPart[]): DataPlaneCost {
  const total = sumResources(parts.map(part => times(part.each, part.count)));
  const allMeasured = parts.length > 0 && parts.every(part => part.measured);
  const measured = (field: 'cpu' | 'memory') => parts.reduce((sum, part) => sum + (part.measured![field] ?? 0) * part.count, 0);
  return { mode, parts, total, ...(allMeasured ? { measured: { cpu: measured('cpu'), memory: measured('memory') } } : {}) };
}

/**
 * The two data planes' parts priced and compared: what ambient requests less than sidecars.
 *
 * @public
 */
export function sideBySide(
  chosen: DataPlaneComparison['chosen'],
  replicas: number,
  sidecarParts: DataPlaneCostPart[],
  ambientParts: DataPlaneCostPart[],
  waypointFor: string[],
): DataPlaneComparison {
  const sidecar = costOf('sidecar', sidecarParts);
  const ambient = costOf('ambient', ambientParts);
  const less = (field: 'cpu' | 'memory') => (sidecar.total.requests[field] ?? 0) - (ambient.total.requests[field] ?? 0);
  return { chosen, replicas, sidecar, ambient, ambientSaves: { cpu: less('cpu'), memory: less('memory') }, waypointFor };
}

/**
 * What sidecars and ambient would each cost one service, from Istio's chart defaults (or the cluster's):
 * sidecars are one proxy per pod; ambient is the service's share of the ztunnels on its pods' nodes (its
 * pods over the pods per node) plus, when a rule needs HTTP, its waypoint (one replica of its own; none
 * when it uses an existing, shared one, whose cost is the namespace's).
 *
 * @public
 */
export function compareDataPlanes(input: MeshPolicyInput | MeshPolicy, options: DataPlaneCostOptions = {}): DataPlaneComparison {
  const parsed = parseMeshPolicy(input);
  if (!parsed.ok) throw new PolicyValidationError(parsed.errors);
  const policy = parsed.value;
  const replicas = policy.service.replicas;
  const podsPerNode = Math.max(1, options.podsPerNode ?? DEFAULT_PODS_PER_NODE);
  const sidecarDefaults = options.sidecarDefaults ?? ISTIO_DEFAULT_PROXY_RESOURCES;
  const sidecarParts: DataPlaneCostPart[] = [
    { name: 'sidecar', count: replicas, each: policySidecarResources(policy, sidecarDefaults), basis: `one proxy in each of ${replicas} pod(s)` },
  ];
  const waypointFor = l7Needs(policy).map(need => `${need.path} ${need.what}`);
  const ztunnelShare = replicas / podsPerNode;
  const ambientParts: DataPlaneCostPart[] = [
    {
      name: 'ztunnel',
      count: ztunnelShare,
      each: options.ztunnel ?? ZTUNNEL_DEFAULT_RESOURCES,
      basis: `${replicas} pod(s) of the ${podsPerNode} on a node share its ztunnel`,
    },
  ];
  if (waypointFor.length > 0) {
    const shared = policy.dataPlane.mode === 'ambient' && policy.dataPlane.useExistingWaypoint;
    ambientParts.push({
      name: 'waypoint',
      count: shared ? 0 : 1,
      each: options.waypoint ?? WAYPOINT_DEFAULT_RESOURCES,
      basis: shared
        ? `the existing waypoint ${policy.dataPlane.waypoint} is shared: its cost is its namespace's`
        : 'one waypoint replica of its own, for the rules that need HTTP',
    });
  }
  return sideBySide(policy.dataPlane.mode, replicas, sidecarParts, ambientParts, waypointFor);
}
