import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { toYaml } from '@meshport/istio-config';

export const renderExamples: TemplateExample[] = [
  {
    description: 'Onboard a service: sidecar, STRICT mTLS, deny by default, one allowed caller',
    example: toYaml([
      {
        steps: [
          {
            id: 'render',
            action: 'mesh:render',
            name: 'Render mesh manifests',
            input: {
              entityRef: 'component:default/payment-service',
              policy: {
                service: { name: 'payment-service', namespace: 'payments', ports: [{ number: 8080, name: 'http', protocol: 'HTTP' }] },
                authorization: { allow: [{ principals: ['cluster.local/ns/orders/sa/order-service'], methods: ['POST'] }] },
              },
            },
          },
        ],
      },
    ]),
  },
  {
    description: 'Shift 25% of the traffic to the running canary',
    example: toYaml([
      {
        steps: [
          {
            id: 'render',
            action: 'mesh:render',
            name: 'Shift canary weight',
            input: {
              policy: { service: { name: 'payment-service', namespace: 'payments' } },
              canaryStep: { step: 'shift', canaryWeight: 25 },
            },
          },
        ],
      },
    ]),
  },
  {
    description: 'Onboard a namespace: injection label, namespace-wide STRICT mTLS, deny all',
    example: toYaml([
      {
        steps: [
          {
            id: 'render',
            action: 'mesh:render',
            name: 'Render namespace manifests',
            input: { namespacePolicy: { namespace: 'payments', mtlsMode: 'STRICT', denyAll: true } },
          },
        ],
      },
    ]),
  },
];
