import { ALL_ANALYZERS } from './analyzers';
import { ResourceIndex } from './resourceIndex';
import { Analyzer, AnalysisOptions, AnalyzedObject, Finding } from './types';

const levelRank = { error: 0, warning: 1, info: 2 } as const;

/**
 * Runs the analyzers over a set of objects (rendered, read from a GitOps folder, or listed from a
 * cluster) and returns their findings, errors first. Objects are indexed once.
 */
export function analyze(objects: unknown[], options: AnalysisOptions = {}, analyzers: Analyzer[] = ALL_ANALYZERS): Finding[] {
  const index = new ResourceIndex(objects as AnalyzedObject[], options.namespacesWithKnownWorkloads);
  const findings: Finding[] = [];
  const context = { index, options: { rootNamespace: options.rootNamespace ?? 'istio-system' }, report: (f: Finding) => findings.push(f) };
  for (const analyzer of analyzers) analyzer.analyze(context);
  return findings.sort(
    (a, b) => levelRank[a.level] - levelRank[b.level] || a.resource.localeCompare(b.resource) || a.code.localeCompare(b.code) || (a.path ?? '').localeCompare(b.path ?? ''),
  );
}

/** True when any finding is an error. */
export function hasErrors(findings: Finding[]): boolean {
  return findings.some(f => f.level === 'error');
}
