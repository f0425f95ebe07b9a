import { createApiRef, DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { EntityMeshStatus } from '@meshport/plugin-mesh-common';

/** What the Mesh tab and card read: an entity's status from the mesh backend. */
export interface MeshApi {
  getEntityStatus(entity: CompoundEntityRef): Promise<EntityMeshStatus>;
}

export const meshApiRef = createApiRef<MeshApi>({ id: 'plugin.mesh.service' });

/** The mesh backend's HTTP API, through Backstage's discovery and fetch (which adds the user's token). */
export class MeshClient implements MeshApi {
  constructor(private readonly options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {}

  async getEntityStatus({ namespace, kind, name }: CompoundEntityRef): Promise<EntityMeshStatus> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('mesh');
    const path = [namespace, kind, name].map(encodeURIComponent).join('/');
    const response = await this.options.fetchApi.fetch(`${baseUrl}/v1/entities/${path}/status`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as EntityMeshStatus;
  }
}
