/** Postgres type oid of int8 (bigint): counts and cents, which stay below 2^53. */
export const INT8_OID = 20;

/** PGlite's `parsers` option: int8 as a JS number, like the PostgreSQL pool's type parser. */
export const INT8_PARSERS = { [INT8_OID]: (value: string) => Number(value) };
