/**
 * The status families every SDK core defines an error for, by HTTP status: the stem each language
 * dresses in its own convention (`BadRequestError` in TypeScript and Python, `ErrBadRequest` in Go).
 * Mirrors the hand-written cores (sdks/js/src/core/errors.ts, sdks/python/namaskah/_core/errors.py,
 * sdks/go/core_errors.go).
 */
const STATUS_FAMILIES: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'Authentication',
  402: 'PaymentRequired',
  403: 'PermissionDenied',
  404: 'NotFound',
  409: 'Conflict',
  410: 'Gone',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  422: 'UnprocessableEntity',
  429: 'RateLimit',
  500: 'InternalServer',
};

/** The family stem of a status, or undefined when the core has none (the caller picks its fallback). */
export function statusFamily(status: number): string | undefined {
  return STATUS_FAMILIES[status];
}

/**
 * The family's class name in the cores that name errors `<Family>Error` (TypeScript, Python): an unknown
 * 5xx is an `InternalServerError`, any other unknown status the base `ApiError`.
 */
export function familyErrorClass(status: number): string {
  const family = statusFamily(status);
  return family ? `${family}Error` : status >= 500 ? 'InternalServerError' : 'ApiError';
}
