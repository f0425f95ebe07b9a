import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { toYaml } from '@meshport/istio-config';

export const checkoutExamples: TemplateExample[] = [
  {
    description: 'Check out the GitOps repository for payment-service, on GitHub',
    example: toYaml([
      {
        steps: [
          {
            id: 'checkout',
            action: 'mesh:gitops:checkout',
            name: 'Check out the GitOps repository',
            input: { entityRef: 'component:default/payment-service', repoUrl: 'github.com?owner=acme&repo=gitops' },
          },
        ],
      },
    ]),
  },
  {
    description: "Use the portal's default GitOps repository (mesh.gitops.defaultRepoUrl)",
    example: toYaml([
      { steps: [{ id: 'checkout', action: 'mesh:gitops:checkout', name: 'Check out', input: { entityRef: 'component:default/payment-service' } }] },
    ]),
  },
  {
    description: "Check out for a change of the component's whole namespace",
    example: toYaml([
      {
        steps: [
          { id: 'checkout', action: 'mesh:gitops:checkout', name: 'Check out', input: { entityRef: 'component:default/payment-service', scope: 'namespace' } },
        ],
      },
    ]),
  },
];
