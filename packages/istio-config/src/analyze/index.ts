export { analyze, hasErrors, KINDS_ONLY_FROM_A_CLUSTER } from './analyze';
export { ALL_ANALYZERS, ISTIO_ANALYZERS, MESHPORT_ANALYZERS } from './analyzers';
export { FINDING_CODES, describeCode } from './codes';
export type { CodeDescription } from './codes';
export { AnalysisIndex, normalizeObjects } from './analysisIndex';
export { kindKey, podLabelsOf } from '../objects/kinds';
export { findProxyContainer } from '../istio/meshMembership';
export { resourceName } from './findings';
export type { Analyzer, AnalyzerContext, AnalysisOptions, AnalyzedObject, Finding, FindingLevel, MeshConfigView } from './types';
