import { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { meshEntityStatusReadPermission, statusSummary } from '@meshport/plugin-mesh-common';
import express from 'express';
import { createOpenApiRouter } from '../schema/openapi.generated';
import { EntityStatusService } from '../status/entityStatusService';
import { EntityLookup, statusEntityOf } from './entityLookup';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  status: EntityStatusService;
  /** How long a principal's read of an entity is reused by its next status requests; 0 reads every time. */
  entityCacheTtlMs?: number;
}

/**
 * The mesh status API of src/schema/openapi.yaml: requests are validated against the spec (a malformed
 * one is answered 400 naming the parameter or field) and the handlers' parameters and answers are typed
 * from it.
 */
export async function createRouter({ httpAuth, permissions, catalog, status, entityCacheTtlMs = 0 }: RouterOptions): Promise<express.Router> {
  // 500 references of up to 3 x 253 characters need more than express.json's default 100 kB.
  const router = await createOpenApiRouter({ middleware: [express.json({ limit: '512kb' })] });
  const entityLookup = new EntityLookup(catalog, entityCacheTtlMs);

  /** The entity a request names, once the caller may read its mesh status and the catalog shows it to them. */
  const readableEntity = async (req: express.Request<{ namespace: string; kind: string; name: string }>) => {
    const credentials = await httpAuth.credentials(req);
    const entityRef = stringifyEntityRef(req.params);
    const [decision] = await permissions.authorize([{ permission: meshEntityStatusReadPermission, resourceRef: entityRef }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) throw new NotAllowedError(`not allowed to read the mesh status of ${entityRef}`);
    const entity = await entityLookup.byRef(entityRef, credentials);
    if (!entity) throw new NotFoundError(`no entity ${entityRef} in the catalog`);
    return entity;
  };

  router.get('/v1/entities/:namespace/:kind/:name/status', async (req, res) => {
    res.json(await status.statusOf(await readableEntity(req)));
  });

  router.get('/v1/entities/:namespace/:kind/:name/merged-files', async (req, res) => {
    res.json(await status.mergedFilesOf(await readableEntity(req)));
  });

  router.post('/v1/summaries', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const refs = [...new Set(req.body.entityRefs)];
    const decisions = await permissions.authorize(
      refs.map(resourceRef => ({ permission: meshEntityStatusReadPermission, resourceRef })),
      { credentials },
    );
    const allowed = refs.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW);
    const { items: entities } = await catalog.getEntitiesByRefs({ entityRefs: allowed }, { credentials });
    const found = new Map(allowed.map((ref, i) => [ref, entities[i]]));
    // Every status comes from the caches (cluster objects, the fleet's metrics, pending changes): one at a time is enough.
    const items = [];
    for (const ref of refs) {
      const entity = found.get(ref);
      if (!found.has(ref)) items.push({ entityRef: ref, error: { name: 'NotAllowedError', message: `not allowed to read the mesh status of ${ref}` } });
      else if (!entity) items.push({ entityRef: ref, error: { name: 'NotFoundError', message: `no entity ${ref} in the catalog` } });
      else {
        try {
          items.push({ entityRef: ref, summary: statusSummary(await status.statusOf(statusEntityOf(entity))) });
        } catch (error) {
          items.push({ entityRef: ref, error: { name: (error as Error).name, message: (error as Error).message } });
        }
      }
    }
    res.json({ items });
  });

  return router;
}
