import { finding, fullName } from '../../findings';
import { exportedToAll } from '../../../istio/hosts';
import { messageFor } from '../../codes';
import { Analyzer, AnalyzedObject } from '../../types';

interface Entry {
  protocol: string;
  entry: AnalyzedObject;
}

/** IST0177: ServiceEntries visible in one namespace that give one host and port different protocols. */
export const ConflictingServiceEntryProtocolAnalyzer: Analyzer = {
  metadata: {
    name: 'serviceentry.ConflictingServiceEntryProtocolAnalyzer',
    description: 'Checks ServiceEntries that define the same host and port with different protocols',
    inputs: ['ServiceEntry'],
  },
  analyze({ index, report }) {
    const byKey = new Map<string, Entry[]>();
    const keyOf = (scope: string, host: string, port: number) => `${scope}|${host}|${port}`;
    for (const entry of index.ofKind('ServiceEntry')) {
      const namespace = entry.metadata.namespace!;
      const scopes = exportedToAll(entry.spec?.exportTo) ? ['*'] : [...new Set<string>(entry.spec.exportTo.map((e: string) => (e === '.' ? namespace : e)))];
      for (const scope of scopes) {
        for (const host of entry.spec?.hosts ?? []) {
          for (const port of entry.spec?.ports ?? []) {
            const key = keyOf(scope, String(host), Number(port?.number));
            byKey.set(key, [...(byKey.get(key) ?? []), { protocol: String(port?.protocol ?? '').toUpperCase(), entry }]);
          }
        }
      }
    }
    const reported = new Set<AnalyzedObject>();
    for (const [key, listed] of byKey) {
      const [scope, host, port] = key.split('|');
      const entries = scope === '*' ? listed : [...listed, ...(byKey.get(keyOf('*', host, Number(port))) ?? [])];
      const protocols = [...new Set(entries.map(e => e.protocol))].sort();
      if (protocols.length < 2) continue;
      const names = [...new Set(entries.map(e => fullName(e.entry)))].sort();
      for (const { entry } of entries) {
        if (reported.has(entry)) continue;
        reported.add(entry);
        report(finding('IST0177', entry, messageFor('IST0177', names.join(', '), host, Number(port), protocols.join(', ')), 'metadata.name'));
      }
    }
  },
};
