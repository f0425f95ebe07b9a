import { finding } from '../../findings';
import { isIstioControlPlane, PROXY_CONTAINER } from '../../../istio/meshMembership';
import { messageFor } from '../../codes';
import { Analyzer, AnalyzedObject } from '../../types';

/** The user ID the sidecar runs as; iptables lets its traffic through unredirected. */
const PROXY_UID = 1337;

/** Whether a pod spec runs the pod, or an application container, as the proxy's user. */
function runsAsProxyUser(podSpec: any): boolean {
  if (podSpec?.securityContext?.runAsUser === PROXY_UID) return true;
  return (podSpec?.containers ?? []).some(
    (c: any) => c?.name !== PROXY_CONTAINER && c?.name !== 'istio-operator' && c?.securityContext?.runAsUser === PROXY_UID,
  );
}

/** IST0144: Pods and Deployments (Istio's own skipped) whose application runs as UID 1337, the sidecar's. */
export const ApplicationUidAnalyzer: Analyzer = {
  metadata: { name: 'applicationUID.Analyzer', description: 'Checks invalid application UID', inputs: ['Pod', 'Deployment'] },
  analyze({ index, report }) {
    const check = (object: AnalyzedObject, podSpec: unknown) => {
      if (!isIstioControlPlane(object) && runsAsProxyUser(podSpec)) report(finding('IST0144', object, messageFor('IST0144')));
    };
    for (const pod of index.ofKind('Pod')) check(pod, pod.spec);
    for (const deployment of index.ofKind('Deployment')) check(deployment, deployment.spec?.template?.spec);
  },
};
