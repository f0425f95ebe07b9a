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

  it.each([
    ["the form's value", { ...context.parameters, workloadKind: 'DaemonSet' }, 'DaemonSet'],
    ["the component's annotation when the form leaves it empty", context.parameters, 'StatefulSet'],
  ])('takes the first truthy of "a or b or \'literal\'": %s', (_case, parameters, expected) => {
    const annotated = { parameters, steps: { fetch: { output: { entity: { metadata: { annotations: { 'meshport.io/workload-kind': 'StatefulSet' } } } } } } };
    expect(
      resolveTemplateInput(
        "${{ parameters.workloadKind or steps.fetch.output.entity.metadata.annotations['meshport.io/workload-kind'] or 'Deployment' }}",
        annotated,
      ),
    ).toBe(expected);
  });

  it('falls back to the literal when nothing else is set', () => {
    expect(resolveTemplateInput("${{ parameters.workloadKind or steps.none or 'Deployment' }}", context)).toBe('Deployment');
  });

  it('refuses what is not a property path', () => {
    expect(() => resolveTemplateInput('${{ parameters.ports | dump }}', context)).toThrow('"parameters.ports | dump" is not a property path');
  });
});
