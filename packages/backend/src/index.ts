/*
 * The Meshport portal backend: Backstage's core plugins plus the Meshport plugins.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-notifications'));
// Meshport: mesh:gitops:checkout, mesh:render and mesh:gitops:pull-request.
backend.add(import('@meshport/plugin-scaffolder-backend-module-mesh'));

backend.add(import('@backstage/plugin-permission-backend'));
// Demo policy: everything is allowed, except that only a component's owners may change its mesh config.
backend.add(import('@meshport/plugin-permission-backend-module-mesh-demo-policy'));

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-kubernetes-backend'));
// Meshport: the mesh status API (/api/mesh/v1/entities/:namespace/:kind/:name/status).
backend.add(import('@meshport/plugin-mesh-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.start();
