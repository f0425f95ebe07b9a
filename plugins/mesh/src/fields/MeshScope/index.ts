export { MeshScopeField } from './MeshScopeField';
