import { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { meshEntityStatusReadPermission } from '@meshport/plugin-mesh-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { EntityStatusService } from '../status/entityStatusService';

const entityPart = z.string().min(1).max(253).regex(/^[A-Za-z0-9._-]+$/, 'may only hold letters, digits, ".", "_" and "-"');
const statusParams = z.object({ namespace: entityPart, kind: entityPart, name: entityPart });

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  status: EntityStatusService;
}

/** The mesh status API; see src/schema/openapi.yaml. */
export async function createRouter({ httpAuth, permissions, catalog, status }: RouterOptions): Promise<express.Router> {
  const router = Router();

  router.get('/v1/entities/:namespace/:kind/:name/status', async (req, res) => {
    const parsed = statusParams.safeParse(req.params);
    if (!parsed.success) {
      throw new InputError(parsed.error.issues.map(issue => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    }
    const credentials = await httpAuth.credentials(req);
    const entityRef = stringifyEntityRef(parsed.data);
    const [decision] = await permissions.authorize([{ permission: meshEntityStatusReadPermission, resourceRef: entityRef }], { credentials });
    if (decision.result !== AuthorizeResult.ALLOW) throw new NotAllowedError(`not allowed to read the mesh status of ${entityRef}`);
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`no entity ${entityRef} in the catalog`);
    res.json(await status.statusOf({ ref: stringifyEntityRef(entity), annotations: entity.metadata.annotations ?? {} }));
  });

  return router;
}
