import { analysisSteps, analyze, AnalyzedObject, Finding, resourceName } from '@meshport/istio-config';

/**
 * How a cluster's analysis runs: `inline`, the first request runs it and waits; `background`, one analyzer per turn of the event loop.
 *
 * @public
 */
export type AnalysisMode = 'inline' | 'background';

function findingsByResource(findings: Finding[]): Map<string, Finding[]> {
  const byResource = new Map<string, Finding[]>();
  for (const finding of findings) byResource.set(finding.resource, [...(byResource.get(finding.resource) ?? []), finding]);
  return byResource;
}

/** istioctl's resource name for an object, with a namespaced object's namespace defaulted as the analyzers default it. */
function analyzedResource(object: AnalyzedObject): string {
  return resourceName({
    ...object,
    metadata: { ...object.metadata, namespace: object.kind === 'Namespace' ? undefined : object.metadata.namespace ?? 'default' },
  });
}

/**
 * A cluster's analysis as istioctl would make it, of the whole cluster (so that a reference to another
 * namespace is found there), kept by the revision of the objects it read: after a change it runs again, at most
 * once per interval and after the request that noticed it; requests meanwhile answer with the last one.
 */
export class ClusterAnalysis {
  private last?: { revision: number; at: number; kinds: string; byResource: Map<string, Finding[]> };
  private scheduled?: ReturnType<typeof setTimeout>;
  private running = false;
  /** Why the last background analysis failed; the next request that asks for findings gets it, and a new run starts. */
  private failure?: Error;

  /**
   * @param objects - the cluster's objects now (listed only when an analysis starts), and their revision (it
   *   changes with every change, and is read on every request).
   * @param intervalMs - how old an analysis may be before a change makes it run again.
   * @param mode - `inline` for a snapshot and the CLI; `background` for the live cache, whose first analysis of a
   *   large cluster takes seconds.
   */
  constructor(
    private readonly objects: { all: () => AnalyzedObject[]; revision: () => number },
    private readonly intervalMs: number,
    private readonly mode: AnalysisMode,
  ) {}

  /** The findings about some objects with `kinds` held completely; undefined while the first analysis of this input runs in the background. */
  findingsFor(objects: AnalyzedObject[], rootNamespace: string, kinds: string[]): Finding[] | undefined {
    if (this.failure) {
      const failure = this.failure;
      this.failure = undefined;
      throw failure;
    }
    const kindsKey = kinds.join(',');
    const current = this.last;
    if (!current || current.kinds !== kindsKey) {
      this.run(rootNamespace, kinds);
    } else if (current.revision !== this.objects.revision() && Date.now() - current.at >= this.intervalMs && !this.scheduled) {
      // Out of date: redone after this request, which answers with the last one (at most an interval old).
      this.scheduled = setTimeout(() => {
        this.scheduled = undefined;
        this.run(rootNamespace, kinds);
      }, 0);
      (this.scheduled as { unref?: () => void }).unref?.();
    }
    const analysis = this.last;
    if (!analysis || analysis.kinds !== kindsKey) return undefined;
    const resources = new Set(objects.map(analyzedResource));
    return [...resources].flatMap(resource => analysis.byResource.get(resource) ?? []);
  }

  private run(rootNamespace: string, kinds: string[]): void {
    if (this.mode === 'inline') this.analyzeNow(rootNamespace, kinds);
    else this.analyzeInBackground(rootNamespace, kinds);
  }

  /** Starts an analysis in the background, unless one runs: a step per turn, so that requests are answered between steps. */
  analyzeInBackground(rootNamespace: string, kinds: string[]): void {
    if (this.running) return;
    this.running = true;
    const revision = this.objects.revision();
    const steps = analysisSteps(this.objects.all(), { rootNamespace, kinds });
    const step = () => {
      try {
        const next = steps.next();
        if (next.done) {
          this.running = false;
          this.last = { revision, at: Date.now(), kinds: kinds.join(','), byResource: findingsByResource(next.value) };
          return;
        }
      } catch (error) {
        this.running = false;
        this.failure = error as Error;
        return;
      }
      setTimeout(step, 0);
    };
    setTimeout(step, 0);
  }

  private analyzeNow(rootNamespace: string, kinds: string[]): void {
    const revision = this.objects.revision();
    this.last = { revision, at: Date.now(), kinds: kinds.join(','), byResource: findingsByResource(analyze(this.objects.all(), { rootNamespace, kinds })) };
  }
}
