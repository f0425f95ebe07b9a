import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { meshApiRef } from '../api/MeshApi';

/** The current entity's mesh status, with loading, error and a retry. */
export function useEntityMeshStatus() {
  const { entity } = useEntity();
  const meshApi = useApi(meshApiRef);
  const state = useAsyncRetry(() => meshApi.getEntityStatus(getCompoundEntityRef(entity)), [meshApi, entity]);
  return { entity, ...state };
}
