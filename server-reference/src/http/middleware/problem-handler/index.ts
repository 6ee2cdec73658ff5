export { notFoundHandler, problemHandler, problemResponse } from './problem-handler.ts';
