import { AuthService, BackstageCredentials, PermissionsService, UserInfoService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { dnsLabel, meshGitopsChangePermission } from '@meshport/plugin-mesh-common';
import { CatalogClaimants, FolderClaimant } from '@meshport/plugin-mesh-node';

/** The component (or namespace) a mesh change is about, with the names its annotations give. */
export interface MeshTarget {
  entityRef: string;
  scope: 'service' | 'namespace';
  namespace: string;
  service?: string;
}

/** What the actions need from the catalog and the permission framework. */
export interface EntityAccess {
  /** Throws NotAllowedError unless these credentials may change the entity's mesh configuration. */
  authorizeChange(entityRef: string, credentials: BackstageCredentials): Promise<void>;
  /** The entity as these credentials see it, or undefined. */
  entity(entityRef: string, credentials: BackstageCredentials): Promise<Entity | undefined>;
  /** Every catalog entity that names the namespace (and service), whoever may see it. */
  claimants(namespace: string, service?: string): Promise<FolderClaimant[]>;
  /** The refs the requester owns through: the user and its groups. */
  ownershipOf(credentials: BackstageCredentials): Promise<{ requester: string; ownership: string[] }>;
}

/** Who a task runs for, as commit trailers, change requests and refusals name them. */
export function requesterOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as { type: string; userEntityRef?: string; subject?: string };
  return principal.userEntityRef ?? `${principal.type}:${principal.subject ?? 'unknown'}`;
}

/** {@link EntityAccess} through Backstage's permission framework and catalog, as the task's user. */
export class CatalogEntityAccess implements EntityAccess {
  private readonly catalogClaimants: CatalogClaimants;

  constructor(
    private readonly permissions: PermissionsService,
    private readonly catalog: CatalogService,
    auth: AuthService,
    private readonly userInfo: UserInfoService,
  ) {
    this.catalogClaimants = new CatalogClaimants(catalog, auth);
  }

  claimants(namespace: string, service?: string): Promise<FolderClaimant[]> {
    return this.catalogClaimants.of(namespace, service);
  }

  async ownershipOf(credentials: BackstageCredentials): Promise<{ requester: string; ownership: string[] }> {
    const principal = credentials.principal as { type: string; userEntityRef?: string };
    if (principal.type !== 'user' || !principal.userEntityRef) return { requester: requesterOf(credentials), ownership: [] };
    const { userEntityRef, ownershipEntityRefs } = await this.userInfo.getUserInfo(credentials as BackstageCredentials<any>);
    return { requester: userEntityRef, ownership: ownershipEntityRefs };
  }

  async authorizeChange(entityRef: string, credentials: BackstageCredentials): Promise<void> {
    const [decision] = await this.permissions.authorize([{ permission: meshGitopsChangePermission, resourceRef: entityRef }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `entityRef: you lack the permission ${meshGitopsChangePermission.name} on ${entityRef}; only its owners may change its mesh configuration`,
      );
    }
  }

  entity(entityRef: string, credentials: BackstageCredentials): Promise<Entity | undefined> {
    return this.catalog.getEntityByRef(entityRef, { credentials });
  }
}

const NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';
const ID_ANNOTATION = 'backstage.io/kubernetes-id';

/**
 * The names a change is about, from the entity's annotations (not from the template), refused for the
 * namespaces that are Kubernetes' or the mesh's own unless the configuration allows them.
 */
export function meshTargetOf(entityRef: string, entity: Entity, scope: MeshTarget['scope'], protectedNamespaces: Set<string>): MeshTarget {
  const annotations = entity.metadata.annotations ?? {};
  const name = (annotation: string) => {
    const value = annotations[annotation];
    if (value === undefined) throw new InputError(`entityRef: ${entityRef} has no ${annotation} annotation; Meshport needs it to know what to change`);
    if (!dnsLabel.safeParse(value).success)
      throw new InputError(`entityRef: the ${annotation} annotation of ${entityRef} ("${value}") is not a Kubernetes name`);
    return value;
  };
  const namespace = name(NAMESPACE_ANNOTATION);
  if (protectedNamespaces.has(namespace)) {
    throw new NotAllowedError(
      `entityRef: ${entityRef} is in namespace ${namespace}, which is protected (Kubernetes' or the mesh's own); ` +
        'list it under mesh.gitops.allowProtectedNamespaces to let templates change it',
    );
  }
  return { entityRef, scope, namespace, ...(scope === 'service' ? { service: name(ID_ANNOTATION) } : {}) };
}
