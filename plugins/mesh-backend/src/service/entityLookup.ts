import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { TtlCache } from '../cache/ttlCache';
import { StatusEntity } from '../status/entityStatusService';

/** Principals whose lookups are kept at once; past it the oldest lookup is read again when asked. */
const MAX_CACHED_LOOKUPS = 10_000;

/** The part of a catalog entity the status reads. */
export function statusEntityOf(entity: Entity): StatusEntity {
  return { ref: stringifyEntityRef(entity), annotations: entity.metadata.annotations ?? {} };
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

  constructor(
    private readonly catalog: CatalogService,
    private readonly ttlMs: number,
  ) {
    this.cache = new TtlCache(ttlMs, Date.now, MAX_CACHED_LOOKUPS);
  }

  /** The entity as the caller may see it; undefined when the catalog has none (or hides it from them). */
  byRef(entityRef: string, credentials: BackstageCredentials): Promise<StatusEntity | undefined> {
    const load = async () => {
      const entity = await this.catalog.getEntityByRef(entityRef, { credentials });
      return entity && statusEntityOf(entity);
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
