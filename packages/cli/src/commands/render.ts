import path from 'node:path';
import {
  formatFieldErrors,
  overheadForPolicy,
  parseMeshPolicy,
  parseNamespacePolicy,
  renderNamespacePolicy,
  renderPolicy,
  RenderedPolicy,
} from '@meshport/plugin-mesh-common';
import { analyze, toYaml } from '@meshport/istio-config';
import { CommandResult, readPolicyFile, writeFileAtomically } from '../io';
import { describeOverhead, formatFindings } from '../format';

/** A namespace policy has a top-level namespace and no service section. */
function isNamespacePolicy(input: unknown): boolean {
  return Boolean(input && typeof input === 'object' && 'namespace' in input && !('service' in input));
}

/** `meshport render --policy <file> --out <dir>`: exit 0 written, 2 invalid policy. */
export function runRender(options: { policy: string; out: string }): CommandResult {
  const input = readPolicyFile(options.policy);
  const namespacePolicy = isNamespacePolicy(input);
  const parsed = namespacePolicy ? parseNamespacePolicy(input) : parseMeshPolicy(input);
  if (!parsed.ok) {
    return { exitCode: 2, stdout: [], stderr: [`${options.policy}: invalid policy`, ...formatFieldErrors(parsed.errors).split('\n')] };
  }
  const rendered: RenderedPolicy = namespacePolicy ? renderNamespacePolicy(parsed.value as any) : renderPolicy(parsed.value as any);
  for (const file of rendered.files) {
    writeFileAtomically(path.join(options.out, file.path), toYaml(file.objects));
  }
  const stdout = [`Wrote ${rendered.files.length} files to ${options.out}:`];
  for (const file of rendered.files) {
    stdout.push(`  ${file.path}  (${file.objects.map(o => `${o.kind} ${o.metadata?.name ?? ''}`.trim()).join(', ')})`);
  }
  const findings = analyze(rendered.objects, { mode: 'files' });
  stdout.push('', ...formatFindings(findings));
  if (!namespacePolicy) stdout.push('', ...describeOverhead(overheadForPolicy(parsed.value as any)));
  return { exitCode: 0, stdout, stderr: [] };
}
