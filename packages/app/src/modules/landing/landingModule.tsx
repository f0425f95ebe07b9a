import { createFrontendModule, PageBlueprint } from '@backstage/frontend-plugin-api';
import { Navigate } from 'react-router-dom';

/** The portal's front door: the catalog, at its own address (/catalog), so that links to it and to its entities agree. */
const landingRedirect = PageBlueprint.make({
  name: 'landing',
  params: {
    path: '/',
    loader: async () => <Navigate to="/catalog" replace />,
  },
});

/** The app's landing page: a redirect to the catalog. */
export const landingModule = createFrontendModule({
  pluginId: 'app',
  extensions: [landingRedirect],
});
