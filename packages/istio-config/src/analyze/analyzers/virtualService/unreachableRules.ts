import { finding } from '../../findings';
import { goQuote } from '../../../istio/goFormat';
import { messageFor } from '../../codes';
import { Analyzer } from '../../types';

/** A value with its zero values dropped and keys sorted: two matches are the same when this is. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonical).filter(item => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map(key => [key, canonical((value as Record<string, unknown>)[key])] as const)
      .filter(([, child]) => child !== undefined);
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  }
  if (value === null || value === '' || value === false || value === 0) return undefined;
  return value;
}

const matchKey = (match: any, http: boolean) => JSON.stringify(canonical(http ? { ...match, name: undefined } : match) ?? {});

const routeName = (route: any, i: number, http: boolean) => (http && route?.name ? goQuote(String(route.name)) : `#${i}`);
const requestName = (match: any, j: number, http: boolean) => (http && match?.name ? goQuote(String(match.name)) : `#${j}`);

/** "exact:v" or "prefix:v" of a string match; "" for a regex or nothing. */
function exactOrPrefix(match: any): string {
  if (match?.exact !== undefined) return `exact:${match.exact}`;
  if (match?.prefix !== undefined) return `prefix:${match.prefix}`;
  return '';
}

interface PrefixEntry {
  route: string;
  match: string;
  prefix: string;
  port: unknown;
  method: string;
  authority: string;
  maps: Array<Record<string, string>>;
}

function prefixEntry(route: string, requestMatch: string, match: any): PrefixEntry | undefined {
  const prefix = match?.uri?.prefix;
  if (!prefix) return undefined;
  const mapOf = (values: Record<string, unknown> | undefined) => Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, exactOrPrefix(v)]));
  return {
    route,
    match: requestMatch,
    prefix,
    port: match?.port,
    method: exactOrPrefix(match?.method) || 'exact:GET',
    authority: exactOrPrefix(match?.authority),
    maps: [mapOf(match?.headers), mapOf(match?.queryParams), mapOf(match?.withoutHeaders)],
  };
}

const covers = (a: string, b: string) => a === b || a.startsWith(b);

/** Whether an earlier prefix match covers a later one. */
function covered(earlier: PrefixEntry, later: PrefixEntry): boolean {
  if (!later.prefix.startsWith(earlier.prefix) || later.port !== earlier.port) return false;
  if (!covers(earlier.method, later.method) || !covers(earlier.authority, later.authority)) return false;
  return earlier.maps.every((map, i) => {
    const other = later.maps[i];
    const keys = Object.keys(map);
    return keys.length === Object.keys(other).length && keys.every(key => key in other && covers(map[key], other[key]));
  });
}

function analyzeRoutes(routes: any[], http: boolean, report: (code: 'IST0130' | 'IST0131', message: string) => void) {
  const seen = new Map<string, number>();
  const entries: PrefixEntry[] = [];
  let catchAll = -1;
  routes.forEach((route, i) => {
    if (!route) return;
    const name = routeName(route, i, http);
    const matches: any[] = route.match ?? [];
    if (matches.length === 0) {
      if (catchAll >= 0) report('IST0130', messageFor('IST0130', name, 'only the last rule can have no matches'));
      catchAll = i;
      return;
    }
    let duplicates = 0;
    matches.forEach((match, j) => {
      if (catchAll >= 0) {
        report('IST0130', messageFor('IST0130', name, 'route without matches defined before'));
        return;
      }
      const key = matchKey(match, http);
      const first = seen.get(key);
      if (first !== undefined) {
        report('IST0131', messageFor('IST0131', name, requestName(match, j, http), routeName(routes[first], first, http)));
        duplicates += 1;
        return;
      }
      seen.set(key, i);
      const entry = http ? prefixEntry(name, requestName(match, j, http), match) : undefined;
      if (entry) entries.push(entry);
    });
    if (duplicates === matches.length) report('IST0130', messageFor('IST0130', name, 'all matches used by prior rules'));
  });
  for (let a = 0; a < entries.length; a++) {
    for (let b = a + 1; b < entries.length; b++) {
      if (entries[b].prefix === entries[a].prefix || !covered(entries[a], entries[b])) continue;
      report(
        'IST0131',
        messageFor(
          'IST0131',
          entries[b].route,
          `${entries[b].match} of prefix ${entries[b].prefix}`,
          `${entries[a].match} of prefix ${entries[a].prefix} on ${entries[a].route}`,
        ),
      );
    }
  }
}

/** IST0130 and IST0131: rules after a catch-all, and matches an earlier rule already takes (Istio's schema validation). */
export const UnreachableRuleAnalyzer: Analyzer = {
  metadata: {
    name: 'schema.ValidationAnalyzer.VirtualService',
    description: 'Runs schema validation as an analyzer and reports unreachable rules and matches',
    inputs: ['VirtualService'],
  },
  analyze({ index, report }) {
    for (const vs of index.ofKind('VirtualService')) {
      const emit = (code: 'IST0130' | 'IST0131', message: string) => report(finding(code, vs, message));
      analyzeRoutes(vs.spec?.http ?? [], true, emit);
      analyzeRoutes(vs.spec?.tcp ?? [], false, emit);
      analyzeRoutes(vs.spec?.tls ?? [], false, emit);
    }
  },
};
