import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ownersOf } from '@meshport/plugin-mesh-node';
import { Entity, RELATION_DEPENDENCY_OF, stringifyEntityRef } from '@backstage/catalog-model';
import { componentPrincipal } from '@meshport/plugin-mesh-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { TtlCache } from '../cache/ttlCache';
import { StatusEntity } from '../status/entityStatusService';

/** Principals whose lookups are kept at once; past it the oldest lookup is read again when asked. */
const MAX_CACHED_LOOKUPS = 10_000;

/** The part of a catalog entity the status reads. */
export function statusEntityOf(entity: Entity): StatusEntity {
  return { ref: stringifyEntityRef(entity), annotations: entity.metadata.annotations ?? {}, owners: ownersOf(entity) };
}

/**
 * The catalog entities that status requests name, read with the caller's own credentials (so the
 * catalog's permission rules hold for every caller) and reused by the same principal for `ttlMs`: the Mesh
 * tab and the overview ask again every few seconds, and a read of an unchanged entity need not cost a
 * round trip to the catalog each time. Entities not found, and failed reads, are not kept. `ttlMs` 0
 * reads the catalog on every request.
 */
export class EntityLookup {
  private readonly cache: TtlCache<string, StatusEntity | undefined>;

  constructor(private readonly catalog: CatalogService, private readonly ttlMs: number) {
    this.cache = new TtlCache(ttlMs, Date.now, MAX_CACHED_LOOKUPS);
  }

  /**
   * The entity as the caller may see it, with the components that depend on it (each read as the caller
   * may see it, for the principal it presents); undefined when the catalog has none (or hides it from them).
   */
  byRef(entityRef: string, credentials: BackstageCredentials): Promise<StatusEntity | undefined> {
    const load = async () => {
      const entity = await this.catalog.getEntityByRef(entityRef, { credentials });
      if (!entity) return undefined;
      const refs = (entity.relations ?? []).filter(r => r.type === RELATION_DEPENDENCY_OF).map(r => r.targetRef);
      const found = refs.length > 0 ? (await this.catalog.getEntitiesByRefs({ entityRefs: refs }, { credentials })).items : [];
      const dependents = found
        .filter((e): e is Entity => Boolean(e))
        .map(e => ({ ref: stringifyEntityRef(e), principal: componentPrincipal(e.metadata.annotations ?? {}, e.metadata.name) }));
      return { ...statusEntityOf(entity), dependents };
    };
    if (this.ttlMs <= 0) return load();
    const key = `${JSON.stringify(credentials.principal)}|${entityRef}`;
    // Only entities found are kept: one registered a moment ago, or a catalog that failed, is asked again.
    const forget = () => this.cache.delete(key);
    return this.cache.get(key, load).then(
      entity => {
        if (!entity) forget();
        return entity;
      },
      error => {
        forget();
        throw error;
      },
    );
  }
}
