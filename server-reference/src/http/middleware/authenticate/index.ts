export { authenticate, clientInfo } from './authenticate.ts';
