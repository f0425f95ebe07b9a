import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/**
 * Reading an entity's mesh status (pods, policies, health): a catalog-entity resource permission.
 *
 * @public
 */
export const meshEntityStatusReadPermission = createPermission({
  name: 'mesh.entity.status.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Proposing a change to an entity's mesh configuration (the mesh templates' GitOps actions): a
 * catalog-entity resource permission, so that a policy can grant it to the entity's owners only.
 *
 * @public
 */
export const meshGitopsChangePermission = createPermission({
  name: 'mesh.gitops.change',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Every permission the mesh plugin defines. */
export const meshPermissions = [meshEntityStatusReadPermission, meshGitopsChangePermission];
