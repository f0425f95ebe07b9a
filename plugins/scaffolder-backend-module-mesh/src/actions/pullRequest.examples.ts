import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { toYaml } from '@meshport/istio-config';

export const pullRequestExamples: TemplateExample[] = [
  {
    description: "Open (or update) the change request with mesh:render's summary as its body",
    example: toYaml([
      {
        steps: [
          {
            id: 'pull-request',
            action: 'mesh:gitops:pull-request',
            name: 'Open the change request',
            input: {
              repoUrl: 'github.com?owner=acme&repo=gitops',
              title: '${{ steps.render.output.title }}',
              description: '${{ steps.render.output.summary }}',
              labels: ['mesh'],
              reviewers: ['acme/platform-team'],
            },
          },
        ],
      },
    ]),
  },
];
