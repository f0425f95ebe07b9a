import { InputError } from '@backstage/errors';

/**
 * One requirement of a Kubernetes label selector, as `kubectl -l` and the API's `labelSelector` write it.
 *
 * @public
 */
export interface LabelRequirement {
  key: string;
  operator: '=' | '!=' | 'in' | 'notin' | 'exists' | '!';
  values: string[];
}

const KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Splits on commas that are not inside a set's parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else current += char;
  }
  terms.push(current);
  return terms.map(term => term.trim()).filter(Boolean);
}

function checked(selector: string, requirement: LabelRequirement): LabelRequirement {
  const name = requirement.key.split('/').pop()!;
  if (!KEY.test(requirement.key) || name.length > 63) throw new InputError(`label selector "${selector}": "${requirement.key}" is not a valid label key`);
  const bad = requirement.values.find(value => !VALUE.test(value) || value.length > 63);
  if (bad !== undefined) throw new InputError(`label selector "${selector}": "${bad}" is not a valid label value`);
  return requirement;
}

/**
 * Parses a label selector string ("app=x,tier in (web,api),!legacy"); throws naming the bad term.
 *
 * @public
 */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  return splitTerms(selector).map(term => {
    const set = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (set) return checked(selector, { key: set[1], operator: set[2] as 'in' | 'notin', values: set[3].split(',').map(v => v.trim()) });
    const inequality = /^([^!=\s]+)\s*!=\s*(\S*)$/.exec(term);
    if (inequality) return checked(selector, { key: inequality[1], operator: '!=', values: [inequality[2]] });
    const equality = /^([^!=\s]+)\s*==?\s*(\S*)$/.exec(term);
    if (equality) return checked(selector, { key: equality[1], operator: '=', values: [equality[2]] });
    const absent = /^!\s*(\S+)$/.exec(term);
    if (absent) return checked(selector, { key: absent[1], operator: '!', values: [] });
    if (/^\S+$/.test(term)) return checked(selector, { key: term, operator: 'exists', values: [] });
    throw new InputError(`label selector "${selector}": cannot read "${term}"`);
  });
}

/**
 * True when labels satisfy every requirement.
 *
 * @public
 */
export function matchesLabelSelector(requirements: LabelRequirement[], labels: Record<string, string> = {}): boolean {
  return requirements.every(({ key, operator, values }) => {
    const value = labels[key];
    switch (operator) {
      case '=':
        return value === values[0];
      case '!=':
        return value !== values[0];
      case 'in':
        return value !== undefined && values.includes(value);
      case 'notin':
        return value === undefined || !values.includes(value);
      case 'exists':
        return value !== undefined;
      default:
        return value === undefined;
    }
  });
}

/** A Kubernetes LabelSelector object (matchLabels and matchExpressions), as objects' specs hold it. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

const EXPRESSION_OPERATORS: Record<string, LabelRequirement['operator']> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * Whether a LabelSelector object selects a label set, as metav1.LabelSelectorAsSelector judges it: an
 * absent selector selects everything; an unknown operator selects nothing.
 */
export function labelSelectorMatches(selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return true;
  const expressions = selector.matchExpressions ?? [];
  if (expressions.some(({ operator }) => !(operator in EXPRESSION_OPERATORS))) return false;
  const requirements: LabelRequirement[] = [
    ...Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({ key, operator: '=' as const, values: [value] })),
    ...expressions.map(({ key, operator, values = [] }) => ({ key, operator: EXPRESSION_OPERATORS[operator], values })),
  ];
  return matchesLabelSelector(requirements, labels);
}

/**
 * The equality requirements as a `matchLabels` map, for indexed lookups before the full match.
 *
 * @public
 */
export function equalityLabels(requirements: LabelRequirement[]): Record<string, string> {
  return Object.fromEntries(requirements.filter(r => r.operator === '=').map(r => [r.key, r.values[0]]));
}
