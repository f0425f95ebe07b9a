/* eslint-disable jest/no-export -- the examples suite each x.examples.test.ts calls, with helpers for its own tests */
import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { TemplateAction, TemplateExample } from '@backstage/plugin-scaffolder-node';
import { parseYaml } from '@meshport/istio-config';
import { createBareRepository } from '@meshport/test-harness';
import { createMeshGitOpsContext, MeshGitOpsContext } from '../gitops/context';
import { FixtureEntityAccess } from './actionRunner';

/** An example's first step's input, found by the start of its description. */
export function exampleInput(examples: TemplateExample[], description: string): Record<string, unknown> {
  const example = examples.find(e => e.description.startsWith(description));
  if (!example) throw new Error(`no example starts with "${description}"`);
  return (parseYaml(example.example) as any[])[0].steps[0].input;
}

/** The inputs each example gives its steps that the action's schema does not declare, by example; none when all is well. */
async function undeclaredInputs(
  id: string,
  examples: TemplateExample[],
  create: (context: MeshGitOpsContext) => TemplateAction<any, any, any>,
): Promise<Array<{ example: string; action: string; undeclared: string[] }>> {
  const action = create(await createMeshGitOpsContext({ config: new ConfigReader({}), entities: new FixtureEntityAccess() }));
  const declared = Object.keys((action.schema?.input as any).properties);
  return examples.flatMap(example =>
    (parseYaml(example.example) as any[])[0].steps.map((step: any) => ({
      example: example.description,
      action: step.action === id ? id : `${step.action}, not ${id}`,
      undeclared: Object.keys(step.input).filter(key => !declared.includes(key)),
    })),
  );
}

/**
 * The examples of one action, as Backstage's modules test theirs beside `x.examples.ts`: every step uses
 * the action with inputs its schema declares; `more` adds tests that run examples, given a file:// URL of an
 * empty bare repository made for them.
 */
export function describeExamples(
  id: string,
  examples: TemplateExample[],
  create: (context: MeshGitOpsContext) => TemplateAction<any, any, any>,
  more: (repoUrl: () => string) => void = () => {},
): void {
  describe(`the ${id} examples`, () => {
    const parent = createMockDirectory();
    let repoUrl = '';
    beforeAll(() => {
      repoUrl = `file://${createBareRepository(parent.path)}`;
    });

    it('use the action with declared inputs only', async () => {
      for (const use of await undeclaredInputs(id, examples, create)) expect(use).toEqual({ example: use.example, action: id, undeclared: [] });
    });

    more(() => repoUrl);
  });
}
