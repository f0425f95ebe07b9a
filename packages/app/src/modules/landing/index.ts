export { landingModule } from './landingModule';
