import { decideFolderOwnership, FolderClaimant, OwnershipDecision } from '@meshport/plugin-mesh-node';
import { TtlCache } from '../cache/ttlCache';

/** Every catalog entity that names a namespace and service (the backend's own read of the catalog). */
export interface FolderClaims {
  of(namespace: string, service?: string): Promise<FolderClaimant[]>;
}

/**
 * Whose a service folder is, for the status: the folder's record on the target branch first, then the
 * catalog (docs/adr: one owner per folder). The catalog's claimants are read once per TTL per folder, so
 * that an overview asking for many entities costs one catalog query per folder.
 */
export class FolderOwner {
  private readonly claimants: TtlCache<string, FolderClaimant[]>;

  constructor(private readonly claims: FolderClaims | undefined, ttlMs = 30_000) {
    this.claimants = new TtlCache(ttlMs, Date.now, 10_000);
  }

  async decide(
    entity: { ref: string; owners?: string[] },
    names: { namespace: string; service: string; folder: string },
    /** The entity the folder's record names, if any. */
    recordedEntity: string | undefined,
  ): Promise<OwnershipDecision> {
    const key = `${names.namespace}/${names.service}`;
    const claimants = this.claims
      ? await this.claimants
          .get(key, () => this.claims!.of(names.namespace, names.service))
          .catch(error => {
            this.claimants.delete(key);
            throw error;
          })
      : [];
    return decideFolderOwnership({
      entityRef: entity.ref,
      owners: entity.owners ?? [],
      folder: names.folder,
      recorded: recordedEntity ? [recordedEntity] : [],
      claimants,
    });
  }
}
