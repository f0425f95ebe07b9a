import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogConditions, createCatalogConditionalDecision } from '@backstage/plugin-catalog-backend/alpha';
import { AuthorizeResult, isPermission, PolicyDecision } from '@backstage/plugin-permission-common';
import { PermissionPolicy, PolicyQuery, PolicyQueryUser } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { meshGitopsChangePermission } from '@meshport/plugin-mesh-common';

/**
 * The demo portal's policy: everyone may read everything and run templates, but a component's mesh
 * configuration may only be changed by the component's owners (the user, or a group they belong to).
 *
 * @public
 */
export class MeshportDemoPermissionPolicy implements PermissionPolicy {
  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    if (isPermission(request.permission, meshGitopsChangePermission)) {
      return createCatalogConditionalDecision(request.permission, catalogConditions.isEntityOwner({ claims: user?.info.ownershipEntityRefs ?? [] }));
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/**
 * Installs {@link MeshportDemoPermissionPolicy} as the permission backend's policy.
 *
 * @public
 */
export const meshportDemoPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'meshport-demo-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new MeshportDemoPermissionPolicy());
      },
    });
  },
});
