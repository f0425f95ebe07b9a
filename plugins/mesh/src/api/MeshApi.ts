import { createApiRef, DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { EntityMeshStatus, EntitySummaryAnswer, MergedFiles } from '@meshport/plugin-mesh-common';

/**
 * What the Mesh tab and card read: an entity's status from the mesh backend.
 *
 * @public
 */
export interface MeshApi {
  getEntityStatus(entity: CompoundEntityRef): Promise<EntityMeshStatus>;
  /** Summaries of many entities in one request, each with its summary or why it has none. */
  getSummaries(entityRefs: string[]): Promise<EntitySummaryAnswer[]>;
  /** The YAML files of the entity's folder as a form's change starts from them (its change branch, else the target branch). */
  getMergedFiles(entity: CompoundEntityRef): Promise<MergedFiles>;
}

/** @public */
export const meshApiRef = createApiRef<MeshApi>({ id: 'plugin.mesh.service' });

/**
 * The mesh backend's HTTP API, through Backstage's discovery and fetch (which adds the user's token).
 *
 * @public
 */
export class MeshClient implements MeshApi {
  constructor(private readonly options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {}

  async getEntityStatus({ namespace, kind, name }: CompoundEntityRef): Promise<EntityMeshStatus> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('mesh');
    const path = [namespace, kind, name].map(encodeURIComponent).join('/');
    const response = await this.options.fetchApi.fetch(`${baseUrl}/v1/entities/${path}/status`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as EntityMeshStatus;
  }

  async getMergedFiles({ namespace, kind, name }: CompoundEntityRef): Promise<MergedFiles> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('mesh');
    const path = [namespace, kind, name].map(encodeURIComponent).join('/');
    const response = await this.options.fetchApi.fetch(`${baseUrl}/v1/entities/${path}/merged-files`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as MergedFiles;
  }

  async getSummaries(entityRefs: string[]): Promise<EntitySummaryAnswer[]> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl('mesh');
    const response = await this.options.fetchApi.fetch(`${baseUrl}/v1/summaries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ entityRefs }),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return ((await response.json()) as { items: EntitySummaryAnswer[] }).items;
  }
}
