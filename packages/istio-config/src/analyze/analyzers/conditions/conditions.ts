import { finding } from '../../findings';
import { messageFor } from '../../codes';
import { Analyzer, AnalyzedObject } from '../../types';

interface Condition {
  type?: unknown;
  status?: unknown;
  reason?: unknown;
  message?: unknown;
}

/** For each kind, the condition types whose status "False" is reported. */
const NEGATIVE_WHEN_FALSE: Record<string, ReadonlySet<string>> = {
  Service: new Set(['istio.io/WaypointBound']),
  ServiceEntry: new Set(['istio.io/WaypointBound']),
  WorkloadEntry: new Set(['istio.io/WaypointBound']),
  AuthorizationPolicy: new Set(['ZtunnelAccepted', 'WaypointAccepted']),
  KubernetesGateway: new Set(['Accepted', 'Programmed', 'ResolvedRefs']),
  HTTPRoute: new Set(['Accepted', 'Programmed', 'ResolvedRefs']),
  GRPCRoute: new Set(['Accepted', 'Programmed', 'ResolvedRefs']),
};

const ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute']);

const listOf = (value: unknown): any[] => (Array.isArray(value) ? value : []);

/** The conditions of an object's status: a route's are those of all its parents; a Gateway's listener conditions are not read. */
function conditionsOf(kind: string, object: AnalyzedObject): Condition[] {
  const status = object.status as any;
  if (!status || typeof status !== 'object') return [];
  if (ROUTE_KINDS.has(kind)) return listOf(status.parents).flatMap(parent => listOf(parent?.conditions));
  return listOf(status.conditions);
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * IST0171, after Istio's pkg/config/analysis/analyzers/conditions/conditions.go: a status condition whose
 * type is a negative one for the kind (a waypoint not bound, a policy ztunnel or the waypoint rejected, a
 * Gateway API Gateway or route not accepted, programmed or resolved) with status "False"; and an
 * AuthorizationPolicy's WaypointAccepted condition with reason PartiallyInvalid, whatever its status. One
 * finding per condition, with its type, reason and message.
 */
export const ConditionAnalyzer: Analyzer = {
  metadata: {
    name: 'conditions.ConditionAnalyzer',
    description: 'Checks for negative status conditions on resources',
    inputs: ['Service', 'ServiceEntry', 'WorkloadEntry', 'AuthorizationPolicy', 'KubernetesGateway', 'HTTPRoute', 'GRPCRoute'],
  },
  analyze({ index, report }) {
    for (const [kind, negative] of Object.entries(NEGATIVE_WHEN_FALSE)) {
      for (const object of index.ofKind(kind)) {
        for (const condition of conditionsOf(kind, object)) {
          const type = text(condition?.type);
          const reason = text(condition?.reason);
          const partiallyInvalid = kind === 'AuthorizationPolicy' && type === 'WaypointAccepted' && reason === 'PartiallyInvalid';
          if ((negative.has(type) && condition?.status === 'False') || partiallyInvalid)
            report(finding('IST0171', object, messageFor('IST0171', type, reason, text(condition?.message))));
        }
      }
    }
  },
};
