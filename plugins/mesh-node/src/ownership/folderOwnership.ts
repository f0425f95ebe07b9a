import { isRecord, parseYaml } from '@meshport/istio-config';

/**
 * Meshport's record of a folder: the files it wrote and, for a service folder, the catalog entity the
 * folder belongs to.
 *
 * @public
 */
export const FOLDER_RECORD_FILE = 'meshport-owned.yaml';

/**
 * A catalog entity that names a folder's namespace (and service) in its Kubernetes annotations, with its owners.
 *
 * @public
 */
export interface FolderClaimant {
  entityRef: string;
  /** The entity refs of its owners (its ownedBy relations). */
  owners: string[];
}

/**
 * Whether a change may go ahead, and why not.
 *
 * @public
 */
export type OwnershipDecision = { owned: true; notes: string[] } | { owned: false; reason: string };

const sharesOwner = (a: string[], b: string[]) => a.some(owner => b.includes(owner));

/**
 * The entity a folder's record names; undefined when there is no record or it names none (a folder
 * Meshport wrote before it recorded owners). A record it cannot read names nobody here: the render that
 * would replace it refuses it with the file named.
 *
 * @public
 */
export function recordedEntityOf(recordText: string | undefined): string | undefined {
  if (recordText === undefined) return undefined;
  try {
    const [record] = parseYaml(recordText, FOLDER_RECORD_FILE);
    return isRecord(record) && typeof record.entity === 'string' ? record.entity : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a service folder is the entity's (docs/adr: one owner per folder). The folder's record decides
 * once it names an entity: only that one may change the folder. A folder with no owner recorded belongs
 * to the entity unless another catalog entity with none of its owners names the same namespace and
 * service: then the catalog is ambiguous, and nobody may claim the folder until it is not.
 *
 * @public
 */
export function decideFolderOwnership(options: {
  entityRef: string;
  owners: string[];
  folder: string;
  /** The entities the folder's records name (the target branch's, the change branch's, its commits'). */
  recorded: string[];
  claimants: FolderClaimant[];
}): OwnershipDecision {
  const { entityRef, owners, folder } = options;
  const others = [...new Set(options.recorded.filter(recorded => recorded !== entityRef))];
  if (others.length > 0) {
    return {
      owned: false,
      reason: `${folder} belongs to ${others.join(' and ')}, as Meshport recorded when it first wrote there; ${entityRef} may not change it`,
    };
  }
  const rivals = options.claimants.filter(claimant => claimant.entityRef !== entityRef && !sharesOwner(claimant.owners, owners));
  const describe = (claimant: FolderClaimant) => `${claimant.entityRef} (owned by ${claimant.owners.join(', ') || 'nobody'})`;
  if (options.recorded.length === 0 && rivals.length > 0) {
    return {
      owned: false,
      reason:
        `${folder} is named by ${entityRef} (owned by ${owners.join(', ') || 'nobody'}) and by ${rivals.map(describe).join(', ')} ` +
        'in the catalog; each namespace and service must belong to one team: remove or fix the annotations of the entity that is not the service',
    };
  }
  return {
    owned: true,
    notes: rivals.map(rival => `${describe(rival)} also names ${folder} in the catalog; the folder belongs to ${entityRef}, as recorded`),
  };
}

/**
 * Whether a requester may change a whole namespace: the configured owners decide where
 * `mesh.gitops.namespaceOwners` names the namespace; otherwise the requester must own (as a user or
 * through a group) every catalog entity that names the namespace.
 *
 * @public
 */
export function decideNamespaceOwnership(options: {
  namespace: string;
  requester: string;
  /** The requester's ownership refs: the user and its groups. */
  ownership: string[];
  claimants: FolderClaimant[];
  configuredOwners?: string[];
}): OwnershipDecision {
  const { namespace, requester, ownership, configuredOwners } = options;
  if (configuredOwners) {
    return sharesOwner(configuredOwners, ownership)
      ? { owned: true, notes: [] }
      : {
          owned: false,
          reason: `namespace ${namespace} belongs to ${configuredOwners.join(', ')} (mesh.gitops.namespaceOwners); ${requester} is not among them`,
        };
  }
  const foreign = options.claimants.filter(claimant => !sharesOwner(claimant.owners, ownership));
  if (foreign.length === 0) return { owned: true, notes: [] };
  const named = foreign.slice(0, 5).map(claimant => `${claimant.entityRef} (owned by ${claimant.owners.join(', ') || 'nobody'})`);
  return {
    owned: false,
    reason:
      `a change to the whole namespace ${namespace} needs its owners, and ${requester} does not own ${named.join(', ')}` +
      `${foreign.length > named.length ? ` and ${foreign.length - named.length} more` : ''}; ` +
      'ask their owners, or have the portal name the namespace owners under mesh.gitops.namespaceOwners',
  };
}
