import { execFileSync, spawnSync } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments, stringify } from 'yaml';
import { MeshPolicyInput, parseMeshPolicy, renderPolicy } from '@meshport/plugin-mesh-common';
import { toYaml } from '@meshport/istio-config';

// kubectl (sigs.k8s.io/yaml over go-yaml v2), PyYAML and many GitOps tools read YAML 1.1, where `on`,
// `y`, `N`, `1_000`, `1:20`, `2026-11-29`, `~`, `=` and `<<` are not strings. Every rendered file must
// come back from a YAML 1.1 reader with the same types and values as the objects Meshport rendered.

/** Strings a YAML 1.1 (or 1.2) reader takes for something else when written plain. */
const TRICKY = [
  'y',
  'Y',
  'n',
  'N',
  'yes',
  'No',
  'on',
  'ON',
  'off',
  'Off',
  'true',
  'False',
  '1_000',
  '685_230.15',
  '0x1F',
  '0b101',
  '0o14',
  '012',
  '190:20:30',
  '1:20',
  '2026-11-29',
  '2001-12-14t21:59:43.10-05:00',
  '.inf',
  '-.Inf',
  '.NaN',
  '~',
  'null',
  'Null',
  '=',
  '<<',
  '+12',
  '1e3',
  '-',
  '?',
];

/** A name each DNS-label field accepts that YAML 1.1 reads as a boolean or number. */
const TRICKY_LABELS = ['y', 'n', 'on', 'off', 'yes', 'no', '1e3', '012'];

function trickyPolicy(name: string, namespace: string, value: string): MeshPolicyInput {
  return {
    service: { name, namespace, versionLabel: TRICKY_LABELS.includes(value) ? value : 'v1', ports: [{ number: 8080, name: 'http' }] },
    jwt: {
      rules: [
        {
          issuer: value.length > 0 ? value : 'x',
          jwksUri: 'https://issuer.example.com/jwks.json',
          audiences: [value],
          fromHeaders: [{ name: 'x-token', prefix: value }],
          outputClaimToHeaders: [{ header: 'x-claim', claim: value }],
        },
      ],
      claims: [{ claim: 'role', values: [value, `x${value}`] }],
    },
    canary: { stableVersion: 'v1', canaryVersion: 'v2', canaryWeight: 10, headerMatch: { name: 'x-canary', value } },
    telemetry: { customTags: [{ name: 'tag', header: 'x-tag', defaultValue: value }] },
  };
}

/** Reads a YAML stream as YAML 1.1 (merge keys on), as JSON-like values. */
function readAsYaml11(text: string): unknown[] {
  return parseAllDocuments(text, { version: '1.1', merge: true }).map(document => {
    if (document.errors.length > 0) throw new Error(document.errors[0].message);
    return document.toJS();
  });
}

const PYYAML = 'import json, sys, yaml\nprint(json.dumps(list(yaml.safe_load_all(sys.stdin.read())), default=str))';

function pyYamlAvailable(): boolean {
  return spawnSync('python3', ['-c', 'import yaml'], { stdio: 'ignore' }).status === 0;
}

/** Reads a YAML stream with PyYAML, a YAML 1.1 reader independent of the library Meshport writes with. */
function readWithPyYaml(text: string): unknown[] {
  return JSON.parse(execFileSync('python3', ['-c', PYYAML], { input: text, encoding: 'utf8' }));
}

const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

function renderedFiles() {
  return TRICKY.flatMap((value, index) => {
    const label = TRICKY_LABELS[index % TRICKY_LABELS.length];
    const parsed = parseMeshPolicy(trickyPolicy(label, TRICKY_LABELS[(index + 1) % TRICKY_LABELS.length], value));
    if (!parsed.ok) throw new Error(`the policy with ${JSON.stringify(value)} was refused: ${JSON.stringify(parsed.errors)}`);
    return [
      ...renderPolicy(parsed.value).files.map(file => ({ name: `${value}: ${file.path}`, objects: plain(file.objects) as unknown[] })),
      { name: `${value}: meshport-policy.yaml`, objects: [plain(parsed.value)] },
    ];
  });
}

/** The readers: the yaml library in YAML 1.1 mode, and PyYAML where Python has it (CI installs it). */
const READERS: Array<[string, (text: string) => unknown[]]> = [
  ['a YAML 1.1 parser', readAsYaml11],
  ...(pyYamlAvailable() || process.env.CI ? [['PyYAML', readWithPyYaml] as [string, (text: string) => unknown[]]] : []),
];

describe('rendered manifests read back by YAML 1.1 readers', () => {
  const files = renderedFiles();

  it('renders every tricky value somewhere, so the readers see them', () => {
    const text = files.map(file => toYaml(file.objects)).join('---\n');
    for (const value of TRICKY) expect(text).toContain(`"${value}"`);
  });

  it.each(READERS)('keeps every type and value for %s', (_reader, read) => {
    // One stream for every file: one reader process, documents in file order.
    const owners = files.flatMap(file => file.objects.map(object => ({ name: file.name, object })));
    const back = read(files.map(file => toYaml(file.objects)).join('---\n'));
    expect(back).toHaveLength(owners.length);
    const changed = owners.filter((owner, index) => !isDeepStrictEqual(back[index], owner.object)).map(owner => owner.name);
    expect([...new Set(changed)]).toEqual([]);
  });

  it.each(READERS)('is a check that can fail: %s changes what plain YAML 1.2 output writes', (_reader, read) => {
    const naive = stringify({ audiences: ['on', '1_000'] });
    expect(read(naive)).toEqual([{ audiences: [true, 1000] }]);
  });
});
