import { Amounts, DataPlaneComparison, DataPlaneCost, formatAmounts, OverheadEstimate } from '@meshport/plugin-mesh-common';
import { describeCode, Finding } from '@meshport/istio-config';

/** Findings as lines for a terminal: "Error [IST0101] VirtualService ns/name (path): message". */
export function formatFindings(findings: Finding[]): string[] {
  if (findings.length === 0) return ['No findings.'];
  const lines = findings.map(f => {
    const level = f.level[0].toUpperCase() + f.level.slice(1);
    return `${level} [${f.code}] ${f.resource}${f.path ? ` (${f.path})` : ''}: ${f.message}`;
  });
  const codes = [...new Set(findings.map(f => f.code))].sort();
  return [...lines, '', ...codes.map(code => `  ${code}: ${describeCode(code)?.fix ?? ''}`)];
}

function share(a: Amounts): string {
  const part = (v: number | undefined) => (v === undefined ? 'n/a' : `${v}%`);
  return `cpu ${part(a.cpu)}, memory ${part(a.memory)}`;
}

/** The overhead estimate as lines. */
export function describeOverhead(estimate: OverheadEstimate): string[] {
  const { perPod, total } = estimate;
  return [
    `Sidecar overhead for ${estimate.replicas} pod(s):`,
    `  per pod  requests ${formatAmounts(perPod.sidecar.requests)}; limits ${formatAmounts(perPod.sidecar.limits)}`,
    `  in total requests ${formatAmounts(total.sidecar.requests)}; limits ${formatAmounts(total.sidecar.limits)}`,
    ...(perPod.app
      ? [
          `  app per pod requests ${formatAmounts(perPod.app.requests)}; limits ${formatAmounts(perPod.app.limits)}`,
          `  sidecar share of the app: requests ${share(estimate.sharePercent.requests)}; limits ${share(estimate.sharePercent.limits)}`,
        ]
      : ['  (give service.appResources to see the share of the application)']),
  ];
}

function dataPlaneLines(cost: DataPlaneCost, chosen: boolean): string[] {
  return [
    `${cost.mode}${chosen ? " (the policy's choice)" : ''}: requests ${formatAmounts(cost.total.requests)}`,
    ...cost.parts.map(part => `  ${part.name} x ${Number(part.count.toFixed(3))}: ${part.basis}; each requests ${formatAmounts(part.each.requests)}`),
  ];
}

/** Sidecar and ambient side by side, or one of them, as lines. */
export function describeDataPlanes(comparison: DataPlaneComparison, show: 'sidecar' | 'ambient' | 'both'): string[] {
  const { sidecar, ambient, chosen, ambientSaves } = comparison;
  const lines = [`Data plane cost for ${comparison.replicas} pod(s):`];
  if (show !== 'ambient') lines.push(...dataPlaneLines(sidecar, chosen === 'sidecar'));
  if (show !== 'sidecar') lines.push(...dataPlaneLines(ambient, chosen === 'ambient'));
  if (show === 'both') {
    const verb = (ambientSaves.cpu ?? 0) >= 0 ? 'saves' : 'adds';
    const magnitude = { cpu: Math.abs(ambientSaves.cpu ?? 0), memory: Math.abs(ambientSaves.memory ?? 0) };
    lines.push(`ambient ${verb} ${formatAmounts(magnitude)} of requests against sidecars`);
  }
  if (show !== 'sidecar' && comparison.waypointFor.length > 0) lines.push(`  a waypoint is needed because: ${comparison.waypointFor.join('; ')}`);
  return lines;
}
