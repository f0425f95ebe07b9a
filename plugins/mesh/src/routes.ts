import { createExternalRouteRef } from '@backstage/core-plugin-api';

/**
 * A scaffolder template's page, where the Mesh tab's buttons open the next change request. Apps on the
 * new frontend system get it bound to the scaffolder's by default; a legacy app binds it in `bindRoutes`
 * (`template: scaffolderPlugin.routes.selectedTemplate`). Unbound, the buttons are left out.
 */
export const templateRouteRef = createExternalRouteRef({
  id: 'mesh:template',
  optional: true,
  params: ['namespace', 'templateName'],
  defaultTarget: 'scaffolder.selectedTemplate',
});
