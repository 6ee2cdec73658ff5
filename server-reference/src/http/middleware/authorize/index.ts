export { authorize, requiredScope } from './authorize.ts';
