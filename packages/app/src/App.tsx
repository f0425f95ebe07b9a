import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import meshPlugin, { meshScaffolderFieldsModule } from '@meshport/plugin-mesh/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { landingModule } from './modules/landing';

export default createApp({
  features: [catalogPlugin, meshPlugin, meshScaffolderFieldsModule, navModule, homeModule, landingModule],
});
