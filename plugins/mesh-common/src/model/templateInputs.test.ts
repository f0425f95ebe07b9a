import { resolveTemplateInput } from './templateInputs';

describe('resolveTemplateInput', () => {
  const context = {
    parameters: { ports: [{ number: 8080 }], replicas: 3, mtlsMode: 'STRICT' },
    steps: { fetch: { output: { entity: { metadata: { annotations: { 'backstage.io/kubernetes-id': 'payment-service' } } } } } },
  };

  it('keeps the type of a whole expression and interpolates inside strings', () => {
    expect(
      resolveTemplateInput(
        {
          name: "${{ steps.fetch.output.entity.metadata.annotations['backstage.io/kubernetes-id'] }}",
          ports: '${{ parameters.ports }}',
          replicas: '${{parameters.replicas}}',
          title: 'mTLS ${{ parameters.mtlsMode }} for ${{ parameters.missing }}',
          fixed: [true, 7],
        },
        context,
      ),
    ).toEqual({ name: 'payment-service', ports: [{ number: 8080 }], replicas: 3, title: 'mTLS STRICT for ', fixed: [true, 7] });
  });

  it('refuses what is not a property path', () => {
    expect(() => resolveTemplateInput('${{ parameters.ports | dump }}', context)).toThrow('"parameters.ports | dump" is not a property path');
  });
});
