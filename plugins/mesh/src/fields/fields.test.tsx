import { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { canarySplit } from '@meshport/plugin-mesh-common';
import { CanarySplitField, canarySplitValidation } from './CanarySplit';
import { JwtRulesField, jwtRulesErrors, jwtRulesValidation } from './JwtRules';
import { dependentsOf, MeshCallersField, principalOf } from './MeshCallers';
import { MeshTextField, meshTextValidation } from './MeshText';

function validationErrors(run: (validation: { addError: (message: string) => void }) => void): string[] {
  const errors: string[] = [];
  run({ addError: (message: string) => errors.push(message) });
  return errors;
}

const field = (overrides: Record<string, unknown>) =>
  ({ schema: {}, uiSchema: {}, idSchema: { $id: 'root' }, formContext: {}, rawErrors: [], required: false, ...overrides } as any);

describe('CanarySplit', () => {
  it('keeps stable and canary at 100 between them, and clamps', () => {
    expect(canarySplit(10)).toEqual({ stable: 90, canary: 10 });
    expect(canarySplit(130)).toEqual({ stable: 0, canary: 100 });
    // The model's rule, in its words.
    expect(validationErrors(v => canarySplitValidation(101, v as any, {} as any))).toEqual([
      'Canary weight must be at most 100 (a percent from 0 to 100; the stable version gets the rest)',
    ]);
    expect(validationErrors(v => canarySplitValidation(2.5, v as any, {} as any))).toEqual([
      'Canary weight must be a whole number (a percent from 0 to 100; the stable version gets the rest)',
    ]);
    expect(validationErrors(v => canarySplitValidation(25, v as any, {} as any))).toEqual([]);
  });

  it('edits through the stable weight and the presets', async () => {
    const onChange = jest.fn();
    await renderInTestApp(<CanarySplitField {...field({ formData: 20, onChange, schema: { title: 'Canary weight' } })} />);
    fireEvent.change(screen.getByLabelText('stable weight'), { target: { value: '70' } });
    expect(onChange).toHaveBeenLastCalledWith(30);
    fireEvent.click(screen.getByText('Promote (all to canary)'));
    expect(onChange).toHaveBeenLastCalledWith(100);
    fireEvent.click(screen.getByText('Roll back (all to stable)'));
    expect(onChange).toHaveBeenLastCalledWith(0);
  });
});

describe('JwtRules', () => {
  it('refuses what the policy model refuses, naming the form field', () => {
    expect(jwtRulesErrors({ issuer: 'https://auth.example.com', jwksUri: 'https://auth.example.com/jwks.json' })).toEqual({});
    const errors = jwtRulesErrors({
      issuer: 'https://auth.example.com',
      jwksUri: 'http://auth.example.com/jwks.json',
      claims: [{ claim: 'role', values: [] }],
    });
    expect(Object.keys(errors).sort()).toEqual(['claims[0].values', 'jwksUri']);
    expect(validationErrors(v => jwtRulesValidation({ issuer: '', jwksUri: 'https://a.example.com/k' }, v as any, {} as any))).toEqual([
      'issuer: must not be empty',
    ]);
  });

  it('shows an error under the JWKS URL as it is typed', async () => {
    const Harness = () => {
      const [value, setValue] = require('react').useState({});
      return <JwtRulesField {...field({ formData: value, onChange: setValue })} />;
    };
    await renderInTestApp(<Harness />);
    fireEvent.change(screen.getByLabelText(/JWKS URL/), { target: { value: 'http://auth.example.com/keys' } });
    expect(await screen.findByText(/https/, { selector: 'p.Mui-error' })).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/JWKS URL/), { target: { value: 'https://auth.example.com/keys' } });
    await waitFor(() => expect(screen.queryByText(/must/, { selector: 'p.Mui-error' })).toBeNull());
  });
});

function component(name: string, namespace: string, extra: Partial<Entity['metadata']> = {}, relations: Entity['relations'] = []): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations: { 'backstage.io/kubernetes-id': name, 'backstage.io/kubernetes-namespace': namespace }, ...extra },
    spec: { type: 'service', owner: 'team', lifecycle: 'production' },
    relations,
  };
}

describe('MeshCallers', () => {
  const orders = component('order-service', 'orders', {}, [{ type: 'dependsOn', targetRef: 'component:default/payment-service' }]);
  const users = component('user-service', 'users', {
    annotations: { 'backstage.io/kubernetes-id': 'user-service', 'backstage.io/kubernetes-namespace': 'users', 'meshport.io/service-account': 'users-api' },
  });
  const payments = component('payment-service', 'payments');

  it('turns components into principals and picks the dependents by default', () => {
    expect(principalOf(orders)).toBe('cluster.local/ns/orders/sa/order-service');
    expect(principalOf(users)).toBe('cluster.local/ns/users/sa/users-api');
    expect(dependentsOf([orders, users], 'component:default/payment-service')).toEqual([orders]);
  });

  it('offers the catalog components, with dependents chosen, and adds a caller with methods', async () => {
    const catalogApi = { getEntities: async () => ({ items: [orders, users, payments] }) };
    const Harness = ({ onValue }: { onValue: (value: unknown) => void }) => {
      const [value, setValue] = require('react').useState(undefined);
      return (
        <MeshCallersField
          {...field({
            formData: value,
            onChange: (next: unknown) => {
              setValue(next);
              onValue(next);
            },
            formContext: { formData: { entity: 'component:default/payment-service' } },
          })}
        />
      );
    };
    const values: unknown[] = [];
    await renderInTestApp(
      <TestApiProvider apis={[[catalogApiRef, catalogApi as any]]}>
        <Harness onValue={v => values.push(v)} />
      </TestApiProvider>,
    );
    await waitFor(() => expect(values[0]).toEqual([{ principals: ['cluster.local/ns/orders/sa/order-service'] }]));
    expect(screen.queryByText(/payment-service \(/)).toBeNull();
    fireEvent.click(screen.getByLabelText('user-service (cluster.local/ns/users/sa/users-api)'));
    fireEvent.change(screen.getAllByLabelText('Methods (empty: any)')[1], { target: { value: 'GET, POST' } });
    expect(values[values.length - 1]).toEqual([
      { principals: ['cluster.local/ns/orders/sa/order-service'] },
      { principals: ['cluster.local/ns/users/sa/users-api'], methods: ['GET', 'POST'] },
    ]);
  });
});

describe('MeshText', () => {
  const portName = { 'ui:field': 'MeshText', 'ui:options': { rule: 'dnsLabel' } };

  it("says under the field, as it is typed, what the model's rule says", async () => {
    const onChange = jest.fn();
    const { rerender } = await renderInTestApp(
      <MeshTextField {...field({ formData: 'http', onChange, schema: { title: 'Port name', description: 'For example "http"' }, uiSchema: portName })} />,
    );
    expect(screen.getByText('For example "http"')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Port name'), { target: { value: 'HTTP Port!' } });
    expect(onChange).toHaveBeenLastCalledWith('HTTP Port!');
    rerender(<MeshTextField {...field({ formData: 'HTTP Port!', onChange, schema: { title: 'Port name' }, uiSchema: portName })} />);
    expect(screen.getByText('must be lowercase letters, digits and "-", starting and ending with a letter or digit')).toBeInTheDocument();
  });

  it("keeps Next from going on: a field's value, a list of values, and fields inside a list's items, each named", () => {
    const context = (uiSchema: unknown) => ({ uiSchema } as any);
    expect(validationErrors(v => meshTextValidation('HTTP Port!', v as any, context(portName)))).toEqual([
      'must be lowercase letters, digits and "-", starting and ending with a letter or digit',
    ]);
    expect(validationErrors(v => meshTextValidation('http' as any, v as any, context(portName)))).toEqual([]);
    const paths = { 'ui:field': 'MeshText', 'ui:options': { rule: 'httpPath' } };
    expect(validationErrors(v => meshTextValidation(['/healthz', 'ready'] as any, v as any, context(paths)))).toEqual([
      'item 2: must start with "/" and hold printable ASCII with no spaces',
    ]);
    // The scaffolder gives a field inside a list of objects the whole list, with the items' ui schema.
    const ports = [
      { number: 8080, name: 'http' },
      { number: 9090, name: 'HTTP Port!' },
    ];
    expect(validationErrors(v => meshTextValidation(ports as any, v as any, context({ name: portName, number: {} })))).toEqual([
      'item 2, name: must be lowercase letters, digits and "-", starting and ending with a letter or digit',
    ]);
  });
});
