export { traceRequests } from './trace-requests.ts';
