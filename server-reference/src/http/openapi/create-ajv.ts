import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { IANAZone } from 'luxon';

/** The `$id` under which the bundled document is registered, so validators can `$ref` into it. */
const SPEC_ID = 'https://namaskah.dev/openapi.json';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/**
 * A JSON Schema 2020-12 validator holding the whole bundled document. Not strict, because the document
 * also carries OpenAPI keywords (`example`, `discriminator`, `xml`...) that are not JSON Schema.
 */
export function createAjv(document: Record<string, any>, options: { coerce: boolean }): Ajv2020 {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    coerceTypes: options.coerce ? 'array' : false,
    useDefaults: options.coerce,
    validateFormats: true,
  });
  addFormats(ajv);
  // the contract's own format (spec/README.md): a zone the tz database knows
  ajv.addFormat('iana-time-zone', { type: 'string', validate: (zone: string) => IANAZone.isValidZone(zone) });
  // not checked against the JSON Schema meta-schema here: that took 0.2-1.7 s of every start per instance
  // (issue 19), and spec/test already lints the contract and validates its schemas and examples
  ajv.addSchema({ ...document, $id: SPEC_ID }, undefined, undefined, false);
  return ajv;
}

/** A `$ref` to a pointer inside the bundled document. */
export const specRef = (pointer: string): { $ref: string } => ({ $ref: `${SPEC_ID}${pointer}` });
