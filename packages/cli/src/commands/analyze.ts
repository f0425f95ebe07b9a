import { analyze, hasErrors } from '@meshport/istio-config';
import { collectManifestFiles } from '@meshport/plugin-mesh-node';
import { CommandResult, readManifests } from '../io';
import { formatFindings } from '../format';

/**
 * `meshport analyze [--json] [--cluster] <paths...>`: exit 1 when any finding is an error. Files are read
 * as `istioctl analyze --use-kube=false` reads them (no Pods, Services, Namespaces, Secrets or Nodes,
 * and no analyzer that needs them); with `--cluster` they are the whole cluster, every analyzer runs.
 */
export function runAnalyze(options: { paths: string[]; json?: boolean; cluster?: boolean; precheck?: boolean }): CommandResult {
  const files = collectManifestFiles(options.paths);
  const objects = readManifests(files);
  const findings = analyze(objects, { mode: options.cluster ? 'cluster' : 'files', precheck: options.precheck });
  const stdout = options.json
    ? [JSON.stringify(findings, null, 2)]
    : [`Analyzed ${objects.length} objects from ${files.length} files.`, ...formatFindings(findings)];
  return { exitCode: hasErrors(findings) ? 1 : 0, stdout, stderr: [] };
}
