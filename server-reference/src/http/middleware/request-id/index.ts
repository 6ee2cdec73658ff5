export { requestId } from './request-id.ts';
