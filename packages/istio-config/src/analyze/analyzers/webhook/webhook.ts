import { finding, fullName } from '../../findings';
import { labelSelectorMatches, LabelSelector } from '../../../labels/labelSelector';
import { messageFor } from '../../codes';
import { Analyzer, AnalyzedObject } from '../../types';

const REV_LABEL = 'istio.io/rev';
const TAG_LABEL = 'istio.io/tag';

/** What Istio's webhook.Analyzer can be told: istioctl analyze sets neither; the operator skips the service check. */
export interface WebhookAnalyzerOptions {
  /** Do not check that each webhook's service exists (and do not need Services). */
  skipServiceCheck?: boolean;
  /** Leave out the configurations of the "default" revision that are not a tag (label istio.io/rev=default, no istio.io/tag). */
  skipDefaultRevisionedWebhook?: boolean;
}

interface Webhook {
  key: string;
  configuration: AnalyzedObject;
  hook: any;
}

const listOf = (value: unknown): any[] => (Array.isArray(value) ? value : []);

/** The revisions a configuration serves: its istio.io/rev label, and those its webhooks' selectors name. */
function revisionsOf(configuration: AnalyzedObject): string[] {
  const revisions: string[] = [];
  const labels = configuration.metadata.labels ?? {};
  if (Object.hasOwn(labels, REV_LABEL)) revisions.push(String(labels[REV_LABEL]));
  for (const hook of listOf(configuration.webhooks)) {
    for (const selector of [hook?.namespaceSelector, hook?.objectSelector]) {
      if (!selector || typeof selector !== 'object') continue;
      const matchLabels = selector.matchLabels ?? {};
      if (typeof matchLabels === 'object' && Object.hasOwn(matchLabels, REV_LABEL)) revisions.push(String(matchLabels[REV_LABEL]));
      for (const expression of listOf(selector.matchExpressions)) if (expression?.key === REV_LABEL) revisions.push(...listOf(expression.values).map(String));
    }
  }
  return revisions;
}

/**
 * Whether a webhook's selector selects a label set, as metav1.LabelSelectorAsSelector does: an absent
 * selector selects everything; one that does not convert (an unknown operator, In or NotIn without values,
 * Exists or DoesNotExist with some) selects nothing.
 */
function selects(selector: LabelSelector | null | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  for (const { operator, values } of listOf(selector.matchExpressions)) {
    const count = listOf(values).length;
    if ((operator === 'In' || operator === 'NotIn') && count === 0) return false;
    if ((operator === 'Exists' || operator === 'DoesNotExist') && count > 0) return false;
  }
  return labelSelectorMatches(selector, labels);
}

/** The label sets injection is judged for: none, the opt-in and the opt-out label, and each again with every revision. */
function permutations(optLabel: string, on: string, off: string, revisions: Iterable<string>): Array<Record<string, string>> {
  const base = (): Array<Record<string, string>> => [{}, { [optLabel]: on }, { [optLabel]: off }];
  return [...base(), ...[...revisions].flatMap(revision => base().map(labels => ({ ...labels, [REV_LABEL]: revision })))];
}

/**
 * IST0139, after Istio's pkg/config/analysis/analyzers/webhook/webhook.go. Among the mutating webhook
 * configurations of Istio (a revision label or selector, or a webhook whose name ends in "istio.io"), every
 * namespace and pod label set that injection is decided by (the injection labels, with each revision seen)
 * must select at most one webhook: each webhook that shares one is reported with the others, as injection
 * would happen twice. Unless told to skip it, each webhook that calls a service must name an existing one.
 */
export function webhookAnalyzer(options: WebhookAnalyzerOptions = {}): Analyzer {
  return {
    metadata: {
      name: 'webhook.Analyzer',
      description: 'Checks the validity of Istio webhooks',
      inputs: options.skipServiceCheck ? ['MutatingWebhookConfiguration'] : ['MutatingWebhookConfiguration', 'Service'],
    },
    analyze({ index, report }) {
      const webhooks: Webhook[] = [];
      const revisions = new Set<string>();
      for (const configuration of index.ofKind('MutatingWebhookConfiguration')) {
        const labels = configuration.metadata.labels ?? {};
        if (options.skipDefaultRevisionedWebhook && !Object.hasOwn(labels, TAG_LABEL) && labels[REV_LABEL] === 'default') continue;
        const hooks = listOf(configuration.webhooks);
        const own = revisionsOf(configuration);
        if (own.length === 0 && !hooks.some(hook => String(hook?.name ?? '').endsWith('istio.io'))) continue;
        for (const hook of hooks) webhooks.push({ key: `${fullName(configuration)}/${hook?.name ?? ''}`, configuration, hook });
        for (const revision of own) revisions.add(revision);
      }
      const configurationOf = new Map(webhooks.map(w => [w.key, w.configuration]));

      for (const namespaceLabels of permutations('istio-injection', 'enabled', 'disabled', revisions)) {
        for (const objectLabels of permutations('sidecar.istio.io/inject', 'true', 'false', revisions)) {
          const matches = new Set(
            webhooks.filter(({ hook }) => selects(hook?.namespaceSelector, namespaceLabels) && selects(hook?.objectSelector, objectLabels)).map(w => w.key),
          );
          if (matches.size < 2) continue;
          for (const match of matches) {
            const others = [...matches].filter(key => key !== match).sort();
            report(
              finding(
                'IST0139',
                configurationOf.get(match)!,
                messageFor('IST0139', `Webhook overlaps with others: [${others.join(' ')}]. This may cause injection to occur twice.`),
              ),
            );
          }
        }
      }

      if (options.skipServiceCheck) return;
      for (const { configuration, hook } of webhooks) {
        const service = hook?.clientConfig?.service;
        if (!service || typeof service !== 'object') continue;
        const namespace = String(service.namespace ?? '');
        const name = String(service.name ?? '');
        if (index.get('Service', namespace, name)) continue;
        const serviceName = namespace ? `${namespace}/${name}` : name;
        report(finding('IST0139', configuration, messageFor('IST0139', `Injector refers to a control plane service that does not exist: ${serviceName}.`)));
      }
    },
  };
}

/** Istio's webhook analyzer as istioctl analyze runs it (no option set). */
export const WebhookAnalyzer: Analyzer = webhookAnalyzer();
