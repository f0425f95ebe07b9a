import { analyze, hasErrors } from '@meshport/plugin-mesh-common';
import { collectManifestFiles } from '@meshport/plugin-mesh-node';
import { CommandResult, readManifests } from '../io';
import { formatFindings } from '../format';

/** `meshport analyze [--json] <paths...>`: exit 1 when any finding is an error. */
export function runAnalyze(options: { paths: string[]; json?: boolean }): CommandResult {
  const files = collectManifestFiles(options.paths);
  const objects = readManifests(files);
  const findings = analyze(objects);
  const stdout = options.json
    ? [JSON.stringify(findings, null, 2)]
    : [`Analyzed ${objects.length} objects from ${files.length} files.`, ...formatFindings(findings)];
  return { exitCode: hasErrors(findings) ? 1 : 0, stdout, stderr: [] };
}
