import { AccessChange, formatAmounts, lineDiff, MigrationStep, migrationSteps, MIGRATION_STEPS, OverheadEstimate } from '@meshport/plugin-mesh-common';
import { describeCode, Finding } from '@meshport/istio-config';
import { FolderPlan } from './folder/folderPlan';
import { accessSection } from './render/accessCheck';

/** What a render proposes, for the change request body and the task output. */
export interface RenderSummaryInput {
  subject: string;
  folder: string;
  plan: FolderPlan;
  /** Findings on the objects this render writes. */
  findings: Finding[];
  /** Findings elsewhere in the repository, not caused by this change: counted, the first few listed. */
  otherFindings?: Finding[];
  overhead?: OverheadEstimate;
  /** Files Meshport could not read or left alone, for the reviewers. */
  warnings?: string[];
  entityRef?: string;
  /** What the changed files held before, by path in the folder, for their line diffs. */
  previous?: ReadonlyMap<string, string>;
  /** The migration step a namespace change makes, towards the mode. */
  migration?: { to: 'ambient' | 'sidecar'; step: MigrationStep };
  /** Each known caller's access before and after the change. */
  access?: AccessChange[];
}

/** Where the step stands in the migration, what it changes, why it is safe, and what comes next. */
function migrationSection(migration: RenderSummaryInput['migration']): string[] {
  if (!migration) return [];
  const steps = migrationSteps(migration.to);
  const index = steps.findIndex(s => s.step === migration.step);
  const plan = MIGRATION_STEPS[migration.step];
  const next = steps[index + 1];
  return [
    `## Migration to ${migration.to === 'ambient' ? 'ambient mode' : 'sidecars'}: step ${index + 1} of ${steps.length}, ${plan.title.toLowerCase()}`,
    '',
    `- **Changes:** ${plan.changes}.`,
    `- **Safe on its own:** ${plan.safeBecause}.`,
    `- **After merging:** ${plan.then}.`,
    `- **To undo:** ${plan.rollback}.`,
    `- **Next:** ${next ? `step ${index + 2}, ${next.title.toLowerCase()}` : 'none: this is the last step'}.`,
    '',
    `The order is Istio's (istio.io/latest/docs/ambient/migrate): ${steps.map((s, i) => `${i + 1}. ${s.title}`).join('; ')}.`,
  ];
}

function share(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${value}%`;
}

function changesSection(folder: string, plan: FolderPlan, previous?: ReadonlyMap<string, string>): string[] {
  const rows = [
    ...plan.writes.filter(write => write.change !== 'unchanged').map(write => `| \`${folder}/${write.path}\` | ${write.change} |`),
    ...plan.removes.map(path => `| \`${folder}/${path}\` | removed |`),
  ];
  if (rows.length === 0) return ['## What changes', '', 'Nothing: the repository already holds exactly this policy.'];
  const kept = plan.kept.length > 0 ? ['', `Left untouched: ${plan.kept.map(path => `\`${path}\``).join(', ')}.`] : [];
  // Each changed file's lines against what the branch holds now.
  const diffs = plan.writes
    .filter(write => write.change === 'changed' && previous?.has(write.path))
    .flatMap(write => {
      const diff = lineDiff(previous!.get(write.path)!, write.content);
      return ['', `\`${folder}/${write.path}\`:`, '', ...(diff === undefined ? ['(too large to show line by line)'] : ['```diff', diff, '```'])];
    });
  return ['## What changes', '', '| File | Change |', '| --- | --- |', ...rows, ...kept, ...diffs];
}

/** At most this many rows per findings table; the rest are counted. */
const MAX_FINDING_ROWS = 50;

function findingsTable(findings: Finding[]): string[] {
  const rows = findings
    .slice(0, MAX_FINDING_ROWS)
    .map(f => `| ${f.level} | ${f.code} | ${f.resource}${f.path ? ` \`${f.path}\`` : ''} | ${f.message} ${describeCode(f.code)?.fix ?? ''} |`);
  const more = findings.length > MAX_FINDING_ROWS ? ['', `…and ${findings.length - MAX_FINDING_ROWS} more.`] : [];
  return ['| Level | Code | Resource | Finding |', '| --- | --- | --- | --- |', ...rows, ...more];
}

function findingsSection(findings: Finding[], others: Finding[] = []): string[] {
  const own = findings.length === 0 ? ["Checked against Istio's schemas and analyzers: no findings on what this change writes."] : findingsTable(findings);
  const elsewhere =
    others.length === 0 ? [] : ['', `### Elsewhere in the repository (${others.length}, not caused by this change)`, '', ...findingsTable(others)];
  return ['## Validation', '', ...own, ...elsewhere];
}

function warningsSection(warnings: string[] = []): string[] {
  if (warnings.length === 0) return [];
  return ['## Warnings', '', ...warnings.map(warning => `- ${warning}`)];
}

function overheadSection(overhead: OverheadEstimate | undefined): string[] {
  if (!overhead) return [];
  const { perPod, total, sharePercent, replicas } = overhead;
  return [
    '## Resource cost',
    '',
    `| | Sidecar requests | Sidecar limits | Share of the app's requests |`,
    '| --- | --- | --- | --- |',
    `| Per pod | ${formatAmounts(perPod.sidecar.requests)} | ${formatAmounts(perPod.sidecar.limits)} | CPU ${share(sharePercent.requests.cpu)}, memory ${share(
      sharePercent.requests.memory,
    )} |`,
    `| ${replicas} pods | ${formatAmounts(total.sidecar.requests)} | ${formatAmounts(total.sidecar.limits)} | |`,
  ];
}

function rollbackSection(folder: string): string[] {
  return [
    '## Rolling back',
    '',
    `Revert this change's commit in the GitOps repository (\`git revert <commit>\`); the GitOps controller removes or restores the objects under \`${folder}/\`. ` +
      'A canary goes back to the stable version with the canary-release template\'s "rollback" step, which needs no revert.',
  ];
}

/** The markdown that explains a render: what changes, its validation, its resource cost and how to undo it. */
export function renderSummary(input: RenderSummaryInput): string {
  const intro = `Meshport proposes the mesh configuration of **${input.subject}**${input.entityRef ? ` (\`${input.entityRef}\`)` : ''} in \`${
    input.folder
  }/\`.`;
  return [
    intro,
    '',
    ...migrationSection(input.migration),
    '',
    ...changesSection(input.folder, input.plan, input.previous),
    '',
    ...accessSection(input.access ?? []),
    '',
    ...findingsSection(input.findings, input.otherFindings),
    '',
    ...warningsSection(input.warnings),
    '',
    ...overheadSection(input.overhead),
    '',
    ...rollbackSection(input.folder),
    '',
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}
