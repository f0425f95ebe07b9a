import fs from 'node:fs';
import { CallerDataPlane, explainTraffic, objectsWithPatches, TrafficExplanation } from '@meshport/plugin-mesh-common';
import { parseYaml } from '@meshport/istio-config';
import { collectManifestFiles } from '@meshport/plugin-mesh-node';
import { CommandResult } from '../io';

const CALLER = /^([a-z0-9][-a-z0-9]{0,62})\/([a-z0-9][-a-z0-9.]{0,252})(?::(sidecar|ambient|none))?$/;
const TARGET = /^([A-Za-z0-9*][-A-Za-z0-9.*]{0,252}):(\d{1,5})$/;

/** "ns/sa[:sidecar|ambient|none]": the caller, its data plane a sidecar unless it says. */
export function parseCaller(value: string): { namespace: string; serviceAccount: string; dataPlane: CallerDataPlane } {
  const match = value.length <= 330 ? CALLER.exec(value) : null;
  if (!match) throw new Error(`--from: "${value.slice(0, 80)}" is not <namespace>/<serviceaccount>[:sidecar|ambient|none]`);
  return { namespace: match[1], serviceAccount: match[2], dataPlane: (match[3] as CallerDataPlane | undefined) ?? 'sidecar' };
}

/** "host:port". */
export function parseTarget(value: string): { host: string; port: number } {
  const match = value.length <= 260 ? TARGET.exec(value) : null;
  const port = Number(match?.[2]);
  if (!match || port < 1 || port > 65535) throw new Error(`--to: "${value.slice(0, 80)}" is not <host>:<port>`);
  return { host: match[1], port };
}

/**
 * Every object of the files, kustomize patches included: a patch is the only place a rendered folder says
 * which data plane its pods join and which waypoint its Service uses.
 */
function readObjects(paths: string[]): unknown[] {
  return objectsWithPatches(collectManifestFiles(paths).flatMap(file => parseYaml(fs.readFileSync(file, 'utf8'), file)));
}

function describe(explanation: TrafficExplanation): string[] {
  const lines = [`${explanation.verdict.toUpperCase()}: ${explanation.reason}`];
  if (explanation.route) lines.push(`route: ${explanation.route.resource} -> ${explanation.route.destinations.join(', ')}`);
  explanation.hops.forEach((hop, index) => {
    lines.push(
      `${index + 1}. ${hop.proxy} at ${hop.at}${hop.identity ? `, sees ${hop.identity}` : ''}${hop.layer ? ` (${hop.layer})` : ''}${
        hop.verdict ? `: ${hop.verdict}` : ''
      }`,
    );
    if (hop.note) lines.push(`   ${hop.note}`);
    for (const policy of hop.policies) {
      lines.push(
        `   ${policy.action}${policy.dryRun ? ' (dry run)' : ''} ${policy.policy}: ${policy.matched ? 'matches' : 'does not match'}${
          policy.note ? ` (${policy.note})` : ''
        }`,
      );
    }
  });
  for (const assumption of explanation.assumptions) lines.push(`assumed: ${assumption}`);
  return lines;
}

/**
 * `meshport explain --from <ns>/<sa>[:mode] --to <host>:<port> [--method M] [--path P] [--jwt-issuer I --jwt-subject S] [--json] <paths...>`:
 * what Istio does with one request over the objects of the files. Exit 0 when allowed, 1 when denied.
 */
export function runExplain(options: {
  from: string;
  to: string;
  method?: string;
  path?: string;
  jwtIssuer?: string;
  jwtSubject?: string;
  json?: boolean;
  rootNamespace?: string;
  paths: string[];
}): CommandResult {
  if (Boolean(options.jwtIssuer) !== Boolean(options.jwtSubject)) throw new Error('--jwt-issuer and --jwt-subject go together: the token a request carries');
  const token = options.jwtIssuer ? { issuer: options.jwtIssuer, subject: options.jwtSubject! } : undefined;
  const request = { from: parseCaller(options.from), to: parseTarget(options.to), method: options.method, path: options.path, ...(token ? { token } : {}) };
  const explanation = explainTraffic(readObjects(options.paths), request, { rootNamespace: options.rootNamespace });
  return {
    exitCode: explanation.verdict === 'allow' ? 0 : 1,
    stdout: options.json ? [JSON.stringify(explanation, null, 2)] : describe(explanation),
    stderr: [],
  };
}
