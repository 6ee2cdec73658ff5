export { requestLogger } from './request-logger.ts';
