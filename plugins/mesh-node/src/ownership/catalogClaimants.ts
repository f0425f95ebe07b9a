import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef, RELATION_OWNED_BY, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { KUBERNETES_ID_ANNOTATION, KUBERNETES_NAMESPACE_ANNOTATION } from '@meshport/plugin-mesh-common';
import { FolderClaimant } from './folderOwnership';

/**
 * The owners of an entity: its ownedBy relations, or its spec.owner where the catalog has not related it yet.
 *
 * @public
 */
export function ownersOf(entity: Entity): string[] {
  const related = (entity.relations ?? []).filter(relation => relation.type === RELATION_OWNED_BY).map(relation => relation.targetRef);
  if (related.length > 0) return related;
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return [];
  try {
    return [stringifyEntityRef(parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: entity.metadata.namespace ?? 'default' }))];
  } catch {
    return [];
  }
}

/**
 * Every catalog entity whose Kubernetes annotations name a namespace (and a service), read with the
 * backend's own credentials: an entity the requester may not see still claims its folder.
 *
 * @public
 */
export class CatalogClaimants {
  constructor(private readonly catalog: CatalogService, private readonly auth: AuthService) {}

  async of(namespace: string, service?: string): Promise<FolderClaimant[]> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const filter: Record<string, string> = { [`metadata.annotations.${KUBERNETES_NAMESPACE_ANNOTATION}`]: namespace };
    if (service !== undefined) filter[`metadata.annotations.${KUBERNETES_ID_ANNOTATION}`] = service;
    const { items } = await this.catalog.getEntities(
      { filter, fields: ['kind', 'metadata.namespace', 'metadata.name', 'metadata.annotations', 'relations', 'spec.owner'] },
      { credentials },
    );
    // The catalog compares values without case; claimantsAmong compares them exactly.
    return claimantsAmong(items, namespace, service);
  }
}

/**
 * The entities whose Kubernetes annotations name exactly this namespace (and service), with their owners.
 *
 * @public
 */
export function claimantsAmong(entities: Entity[], namespace: string, service?: string): FolderClaimant[] {
  return entities
    .filter(entity => {
      const annotations = entity.metadata.annotations ?? {};
      return annotations[KUBERNETES_NAMESPACE_ANNOTATION] === namespace && (service === undefined || annotations[KUBERNETES_ID_ANNOTATION] === service);
    })
    .map(entity => ({ entityRef: stringifyEntityRef(entity), owners: ownersOf(entity) }));
}
