export { analyze, hasErrors } from './analyze';
export { ALL_ANALYZERS } from './analyzers';
export { FINDING_CODES, describeCode } from './codes';
export { ResourceIndex, fullyQualifiedHost, podLabelsOf } from './resourceIndex';
export type { Workload } from './resourceIndex';
export { findProxyContainer, namespaceInjects } from './injection';
export { resourceName } from './findings';
export type { Analyzer, AnalyzerContext, AnalysisOptions, AnalyzedObject, Finding, FindingLevel } from './types';
