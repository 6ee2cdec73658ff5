/** The errors every layer raises and the RFC 9457 body they become (the shared kernel; see docs/architecture.md). */
export { ApiError, type ApiErrorExtra, type FieldError } from './api-error.ts';
export { problemBody, problemTitle, problemType } from './problem-details.ts';
export { problems } from './problems.ts';
