import { parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { meshApiRef } from '../api/MeshApi';
import { storedPolicyOf } from '../fields/MeshPolicyPreview/policyPreview';

/** What Git holds for an entity: its stored policy, or `none` when its folder holds none. */
export type StoredPolicy = { policy: Record<string, unknown> } | 'none';

/**
 * The policy Git holds for the entity, where the next form's change starts (its change branch, else the
 * target branch): `none` when the folder holds none, undefined while unknown (loading, or no GitOps repository).
 */
export function useStoredPolicy(entityRef: string | undefined): StoredPolicy | undefined {
  const meshApi = useApi(meshApiRef);
  const { value } = useAsync(async () => {
    if (!entityRef) return undefined;
    try {
      const stored = storedPolicyOf((await meshApi.getMergedFiles(parseEntityRef(entityRef))).files);
      return stored && typeof stored === 'object' ? { policy: stored as Record<string, unknown> } : ('none' as const);
    } catch {
      return undefined;
    }
  }, [meshApi, entityRef]);
  return value;
}
