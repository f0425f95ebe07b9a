import fs from 'node:fs';
import path from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { findRepoRoot } from './repoRoot';

// Validates objects the way the Kubernetes API server validates Istio custom resources: the CRD's
// OpenAPI v3 structural schema (unknown fields rejected, as pruning would drop them) and every
// `x-kubernetes-validations` CEL rule, evaluated against the value it is declared on.

type Schema = Record<string, any>;

/** One reason the API server would refuse an object. */
export interface CrdViolation {
  path: string;
  message: string;
}

interface CompiledVersion {
  schema: Schema;
  /** Compiled on first use: the CRD files hold many kinds, and a test checks a few. */
  validate?: ValidateFunction;
}

type CelEvaluate = (expression: string, context: Record<string, unknown>) => unknown;

/** Where Istio's CRDs are read from: $MESHPORT_ISTIO_CRDS, else the copy in test/harness/istio (tests only). */
export function istioCrdPath(): string {
  // A copy of Istio's file is kept in the repository, so that a clone anywhere can run the tests.
  return process.env.MESHPORT_ISTIO_CRDS ?? path.resolve(findRepoRoot(), 'test', 'harness', 'istio', 'crd-all.gen.yaml');
}

/** Where the Gateway API CRDs are read from: $MESHPORT_GATEWAY_API_CRDS, else the copy in test/harness/istio. */
export function gatewayApiCrdPath(): string {
  return process.env.MESHPORT_GATEWAY_API_CRDS ?? path.resolve(findRepoRoot(), 'test', 'harness', 'istio', 'gateway-api-crd.v1.6.0-experimental.yaml');
}

/** Turns a Kubernetes structural schema into a JSON Schema that Ajv checks as strictly as the API server. */
export function toJsonSchema(schema: Schema): Schema {
  if (!schema || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-kubernetes-') || key === 'nullable' || key === 'format') continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as Schema).map(([name, child]) => [name, toJsonSchema(child)]));
    } else if (key === 'items' || key === 'additionalProperties' || key === 'not') {
      out[key] = typeof value === 'object' ? toJsonSchema(value) : value;
    } else if (key === 'oneOf' || key === 'anyOf' || key === 'allOf') {
      out[key] = (value as Schema[]).map(toJsonSchema);
    } else {
      out[key] = value;
    }
  }
  if (schema['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [...(out.anyOf ?? []), { type: 'integer' }, { type: 'string' }];
  }
  if (schema.nullable && typeof out.type === 'string') out.type = [out.type, 'null'];
  const keepsUnknown = schema['x-kubernetes-preserve-unknown-fields'] === true;
  if (schema.type === 'object' && schema.properties && !keepsUnknown && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

/**
 * The value as the API server stores it: each missing property that has a `default` in the schema filled
 * in, in objects and array items, before validation (structural defaulting).
 */
export function withDefaults(schema: Schema | undefined, value: unknown): unknown {
  if (!schema || value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map(item => withDefaults(schema.items, item));
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [key, child] of Object.entries<Schema>(schema.properties ?? {})) {
    // A copy made in this realm (structuredClone under Jest makes one the CEL library does not take for an array).
    if (out[key] === undefined && child.default !== undefined) out[key] = JSON.parse(JSON.stringify(child.default));
    if (out[key] !== undefined) out[key] = withDefaults(child, out[key]);
  }
  return out;
}

/** Converts a JSON value for CEL: integers become CEL ints where the schema says integer. */
function celValue(schema: Schema | undefined, value: unknown): unknown {
  if (value === null || value === undefined || !schema) return value;
  if (Array.isArray(value)) return value.map(item => celValue(schema.items, item));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const childSchema = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      out[key] = celValue(childSchema, child);
    }
    return out;
  }
  if (typeof value === 'number' && (schema.type === 'integer' || schema['x-kubernetes-int-or-string']) && Number.isInteger(value)) {
    return BigInt(value);
  }
  return value;
}

export class IstioCrdValidator {
  private readonly versions = new Map<string, CompiledVersion>();
  private readonly ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });

  private constructor(documents: Schema[], private readonly evaluate: CelEvaluate) {
    for (const crd of documents) {
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec.versions ?? []) {
        if (!version.served) continue;
        const schema = version.schema.openAPIV3Schema;
        const key = `${crd.spec.group}/${version.name}/${crd.spec.names.kind}`;
        const specSchema = schema.properties?.spec ?? { type: 'object' };
        this.versions.set(key, { schema: specSchema });
      }
    }
  }

  /** Loads the CRDs from files (default: the copies of Istio's and the Gateway API's CRDs under test/harness/istio). */
  static async load(files: string[] = [istioCrdPath(), gatewayApiCrdPath()]): Promise<IstioCrdValidator> {
    const documents = files.flatMap(file =>
      parseAllDocuments(fs.readFileSync(file, 'utf8')).map(document => ('toJS' in document ? document.toJS() : undefined)),
    );
    const evaluate = celEvaluator();
    return new IstioCrdValidator(documents, evaluate);
  }

  /**
   * The fields of a kind's spec whose string values the CRD constrains (pattern, length, enum, CEL), as
   * paths with "[]" for array items and ".*" for map values, e.g. "spec.jwtRules[].outputClaimToHeaders[].header".
   */
  constrainedStrings(apiVersion: string, kind: string): Map<string, string[]> {
    const found = new Map<string, string[]>();
    const walk = (schema: Schema | undefined, at: string) => {
      if (!schema || typeof schema !== 'object') return;
      if (schema.type === 'string' || schema['x-kubernetes-int-or-string']) {
        const constraints = ['pattern', 'minLength', 'maxLength', 'enum', 'format']
          .filter(key => schema[key] !== undefined)
          .map(key => `${key} ${JSON.stringify(schema[key])}`);
        for (const rule of schema['x-kubernetes-validations'] ?? []) constraints.push(`CEL ${rule.rule}`);
        if (constraints.length > 0) found.set(at, constraints);
      }
      for (const [name, child] of Object.entries<Schema>(schema.properties ?? {})) walk(child, `${at}.${name}`);
      if (schema.items) walk(schema.items, `${at}[]`);
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object') walk(schema.additionalProperties, `${at}.*`);
    };
    walk(this.versions.get(`${apiVersion}/${kind}`)?.schema, 'spec');
    return found;
  }

  /** True when the CRDs serve this apiVersion and kind. */
  knows(apiVersion: string, kind: string): boolean {
    return this.versions.has(`${apiVersion}/${kind}`);
  }

  /** Every reason the API server would refuse the object's spec; empty when it would accept it. */
  validate(object: { apiVersion: string; kind: string; spec?: unknown }): CrdViolation[] {
    const compiled = this.versions.get(`${object.apiVersion}/${object.kind}`);
    if (!compiled) return [{ path: '', message: `no served CRD version for ${object.apiVersion} ${object.kind}` }];
    const spec = withDefaults(compiled.schema, object.spec ?? {});
    const violations: CrdViolation[] = [];
    compiled.validate ??= this.ajv.compile(toJsonSchema(compiled.schema));
    if (!compiled.validate(spec)) {
      for (const error of compiled.validate.errors ?? []) {
        const extra = error.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : '';
        violations.push({ path: `spec${error.instancePath.replace(/\//g, '.')}`, message: `${error.message}${extra}` });
      }
    }
    this.checkRules(compiled.schema, spec, 'spec', violations);
    return violations;
  }

  private checkRules(schema: Schema | undefined, value: unknown, at: string, violations: CrdViolation[]) {
    if (!schema || value === undefined || value === null) return;
    for (const validation of schema['x-kubernetes-validations'] ?? []) {
      let passed: unknown;
      try {
        passed = this.evaluate(validation.rule, { self: celValue(schema, value) });
      } catch (error) {
        violations.push({ path: at, message: `CEL rule ${JSON.stringify(validation.rule)} could not be evaluated: ${(error as Error).message}` });
        continue;
      }
      if (passed !== true) violations.push({ path: at, message: validation.message ?? `failed CEL rule ${validation.rule}` });
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => this.checkRules(schema.items, item, `${at}[${index}]`, violations));
    } else if (typeof value === 'object') {
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        const childSchema = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
        this.checkRules(childSchema, child, `${at}.${key}`, violations);
      }
    }
  }
}

/** A CEL evaluator with the Kubernetes extension the Istio rules use (url().getScheme()). */
function celEvaluator(): CelEvaluate {
  // The CEL library ships as an ES module only; Jest's transform makes it requirable.
  const cel: typeof import('@marcbachmann/cel-js') = require('@marcbachmann/cel-js');
  class CelUrl {
    constructor(readonly href: string) {}
  }
  const environment = new cel.Environment({ unlistedVariablesAreDyn: true })
    .registerType('URL', CelUrl)
    .registerFunction('url(string): URL', (text: string) => {
      const parsed = new URL(text);
      return new CelUrl(parsed.href);
    })
    .registerFunction('URL.getScheme(): string', (url: CelUrl) => new URL(url.href).protocol.replace(/:$/, ''))
    .registerFunction(
      'hasField(dyn, string): bool',
      (value: unknown, field: string) => value !== null && typeof value === 'object' && field in (value as object),
    );
  // Each rule is parsed once; the CRDs hold a few hundred distinct rules, evaluated many times.
  const programs = new Map<string, (context: Record<string, unknown>) => unknown>();
  return (expression, context) => {
    let program = programs.get(expression);
    if (!program) {
      // CEL's has() takes any field selection; the library takes none over an index ("has(a[0].b)"):
      // the same presence test, as a function.
      const rewritten = expression.replace(
        /has\(([^()[\]]*\[[^()[\]]*\](?:[^()[\].]|\.(?![A-Za-z_]\w*\))|\[[^()[\]]*\])*)\.([A-Za-z_]\w*)\)/g,
        'hasField($1, "$2")',
      );
      program = environment.parse(rewritten) as unknown as (context: Record<string, unknown>) => unknown;
      programs.set(expression, program);
    }
    return program(context);
  };
}
