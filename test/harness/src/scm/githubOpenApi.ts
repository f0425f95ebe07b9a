import fs from 'node:fs';
import Ajv from 'ajv';
import { RecordedRequest } from './scmTestServer';

/** What is wrong with a request by GitHub's OpenAPI description; empty when it is a valid call. */
export interface OpenApiCheck {
  request: string;
  problems: string[];
}

type Json = Record<string, any>;

/**
 * Checks requests against GitHub's official OpenAPI description (the `@octokit/openapi` package):
 * the operation exists for the method and path, query parameters are declared, and the body validates
 * against the operation's request schema.
 */
export class GithubOpenApi {
  private readonly spec: Json;
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });

  constructor() {
    const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
    this.spec = JSON.parse(fs.readFileSync(file, 'utf8'));
  }

  private resolve(node: any, seen = new Set<string>()): any {
    if (Array.isArray(node)) return node.map(item => this.resolve(item, seen));
    if (!node || typeof node !== 'object') return node;
    if (typeof node.$ref === 'string') {
      if (seen.has(node.$ref)) return {};
      const target = node.$ref
        .replace(/^#\//, '')
        .split('/')
        .reduce((value: any, key: string) => value?.[key], this.spec);
      return this.resolve(target, new Set([...seen, node.$ref]));
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, this.resolve(value, seen)]));
  }

  private operation(method: string, path: string): { template: string; operation: Json } | undefined {
    for (const [template, item] of Object.entries<Json>(this.spec.paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^{}]+\}/g, '[^/]+')}$`);
      const operation = item[method.toLowerCase()];
      if (operation && pattern.test(path)) return { template, operation };
    }
    return undefined;
  }

  check(request: RecordedRequest): OpenApiCheck {
    const name = `${request.method} ${request.path}`;
    const found = this.operation(request.method, request.path);
    if (!found) return { request: name, problems: ["no such operation in GitHub's API"] };
    const problems: string[] = [];
    const parameters = this.resolve(found.operation.parameters ?? []) as Json[];
    const declared = new Set(parameters.filter(p => p.in === 'query').map(p => p.name));
    for (const key of Object.keys(request.query)) if (!declared.has(key)) problems.push(`query parameter "${key}" is not declared`);
    const schema = this.resolve(found.operation.requestBody?.content?.['application/json']?.schema);
    if (schema) {
      const validate = this.ajv.compile(schema);
      if (!validate(request.body ?? {})) problems.push(...(validate.errors ?? []).map(e => `body${e.instancePath} ${e.message}`));
    } else if (request.body !== undefined) {
      problems.push('sends a body the operation does not take');
    }
    return { request: `${name} (${found.template})`, problems };
  }
}
