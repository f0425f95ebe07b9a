import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { toYaml } from '@meshport/plugin-mesh-common';

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
            input: { repoUrl: 'github.com?owner=acme&repo=gitops', namespace: 'payments', service: 'payment-service' },
          },
        ],
      },
    ]),
  },
  {
    description: 'Use the portal\'s default GitOps repository (mesh.gitops.defaultRepoUrl)',
    example: toYaml([{ steps: [{ id: 'checkout', action: 'mesh:gitops:checkout', name: 'Check out', input: { namespace: 'payments', service: 'payment-service' } }] }]),
  },
];
