import { pascalCase } from '../core/naming.js';
import type { ObjectDecl, Property, TypeDecl, TypeExpr } from './ir-types.js';

/** A JSON Schema node after dereferencing. */
export type Schema = Record<string, any>;

/** Keys that document a schema without changing its shape: ignored when comparing two schemas. */
const DOC_KEYS = new Set(['description', 'examples', 'example', 'default', 'summary', 'deprecated']);

function shapeOf(schema: unknown): string {
  return JSON.stringify(schema, (key, value) => (DOC_KEYS.has(key) ? undefined : value));
}

const BINARY_FORMATS = new Set(['binary', 'byte-stream']);

/**
 * Turns dereferenced JSON Schemas into IR type expressions, hoisting every object, enum and union
 * into a named declaration. A schema's `title` is its name; an inline schema gets a name derived from
 * where it appears (`Verification` + `refund_reason` -> `VerificationRefundReason`), so names are
 * deterministic for a given spec.
 */
export class SchemaConverter {
  readonly decls = new Map<string, TypeDecl>();
  private readonly nameOfSchema = new Map<object, string>();
  private readonly shapeOfName = new Map<string, string>();

  /** Converts `schema`; `hint` names it if it must be hoisted and has no title. */
  convert(schema: Schema | boolean | undefined, hint: string): TypeExpr {
    if (schema === undefined || schema === true || (typeof schema === 'object' && Object.keys(schema).length === 0)) {
      return { kind: 'unknown' };
    }
    if (schema === false) throw new Error(`schema \`false\` at ${hint} cannot be represented`);

    const known = this.nameOfSchema.get(schema);
    if (known) return this.refOrNullable(schema, known);

    const nonNull = stripNull(schema);
    if (nonNull !== schema) return { kind: 'nullable', type: this.convert(nonNull, hint) };

    if (schema.title && this.needsDeclaration(schema)) return this.declare(schema, pascalCase(schema.title));
    if ('const' in schema) return { kind: 'literal', value: schema.const };
    if (Array.isArray(schema.enum) && schema.enum.length === 1 && !schema.title) {
      return { kind: 'literal', value: schema.enum[0] };
    }
    if (this.needsDeclaration(schema)) return this.declare(schema, hint);
    return this.convertInline(schema, hint);
  }

  /** Declares `schema` under `name` (or a numbered variant when a different schema already has it). */
  declare(schema: Schema, name: string): TypeExpr {
    const shape = shapeOf(schema);
    let candidate = name;
    for (let n = 2; this.shapeOfName.has(candidate); n++) {
      if (this.shapeOfName.get(candidate) === shape) {
        this.nameOfSchema.set(schema, candidate);
        return { kind: 'ref', name: candidate };
      }
      if (schema.title) {
        throw new Error(`two different schemas are titled ${name}; titles must be unique`);
      }
      candidate = `${name}${n}`;
    }
    this.shapeOfName.set(candidate, shape);
    this.nameOfSchema.set(schema, candidate);
    this.decls.set(candidate, this.buildDecl(schema, candidate));
    return { kind: 'ref', name: candidate };
  }

  private refOrNullable(schema: Schema, name: string): TypeExpr {
    return stripNull(schema) !== schema ? { kind: 'nullable', type: { kind: 'ref', name } } : { kind: 'ref', name };
  }

  private needsDeclaration(schema: Schema): boolean {
    if (alternativesOf(schema) || schema.allOf) return true;
    if (Array.isArray(schema.enum)) return true;
    if (schema.properties) return true;
    if (schema.title) return true;
    return false;
  }

  private buildDecl(schema: Schema, name: string): TypeDecl {
    const description = schema.description?.trim();
    const doc = description ? { description } : {};
    if (schema.allOf) return { ...this.buildObject(mergeAllOf(schema), name), ...doc };
    const variants = alternativesOf(schema);
    if (variants) {
      const discriminator = discriminatorOf(schema, variants);
      return {
        kind: 'union',
        name,
        ...doc,
        variants: variants.map((v: Schema, i: number) => this.convert(v, `${name}Variant${i + 1}`)),
        ...(discriminator ? { discriminator } : {}),
      };
    }
    if (Array.isArray(schema.enum)) {
      const values = (schema.enum as (string | number | null)[]).filter((v): v is string | number => v !== null);
      return { kind: 'enum', name, ...doc, valueType: values.every((v: unknown) => typeof v === 'number') ? 'integer' : 'string', values };
    }
    if (schema.properties || schema.type === 'object') return { ...this.buildObject(schema, name), ...doc };
    return { kind: 'alias', name, ...doc, type: this.convertInline(schema, name) };
  }

  private buildObject(schema: Schema, name: string): ObjectDecl {
    const required = new Set<string>(schema.required ?? []);
    const properties: Property[] = Object.entries<Schema>(schema.properties ?? {}).map(([prop, propSchema]) => {
      const property: Property = {
        name: prop,
        type: this.convert(propSchema, `${name}${pascalCase(prop)}`),
        required: required.has(prop),
      };
      const description = propSchema?.description?.trim();
      if (description) property.description = description;
      if (propSchema?.deprecated) property.deprecated = true;
      if (propSchema?.readOnly) property.readOnly = true;
      const example = schemaExample(propSchema);
      if (example !== undefined) property.example = example;
      if (propSchema?.writeOnly) property.writeOnly = true;
      return property;
    });
    const extra = schema.additionalProperties;
    const decl: ObjectDecl = { kind: 'object', name, properties };
    if (typeof extra === 'boolean') decl.additionalProperties = extra;
    else if (extra !== undefined) decl.additionalProperties = this.convert(extra, `${name}Value`);
    return decl;
  }

  /** Arrays, maps and primitives: shapes that stay inline. */
  private convertInline(schema: Schema, hint: string): TypeExpr {
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    switch (type) {
      case 'array':
        return { kind: 'array', items: this.convert(schema.items, `${hint}Item`) };
      case 'object': {
        const extra = schema.additionalProperties;
        return { kind: 'map', values: extra && extra !== true ? this.convert(extra, `${hint}Value`) : { kind: 'unknown' } };
      }
      case 'string':
        if (BINARY_FORMATS.has(schema.format) || schema.contentMediaType === 'application/octet-stream') {
          return { kind: 'binary' };
        }
        return schema.format ? { kind: 'primitive', type: 'string', format: schema.format } : { kind: 'primitive', type: 'string' };
      case 'integer':
      case 'number':
      case 'boolean':
        return schema.format ? { kind: 'primitive', type, format: schema.format } : { kind: 'primitive', type };
      default:
        return { kind: 'unknown' };
    }
  }
}

/**
 * The `oneOf`/`anyOf` alternatives when they are types. Alternatives that only add `required` lists to
 * the schema's own properties ("send exactly one of a and b") are validation rules, not types: undefined.
 */
function alternativesOf(schema: Schema): Schema[] | undefined {
  const alternatives: Schema[] | undefined = schema.oneOf ?? schema.anyOf;
  if (!alternatives) return undefined;
  const onlyConstraints = alternatives.every((a) => Object.keys(a).every((k) => k === 'required' || k === 'not' || DOC_KEYS.has(k)));
  return onlyConstraints && schema.properties ? undefined : alternatives;
}

/** Returns the schema without its `null` alternative, or the same object when it is not nullable. */
function stripNull(schema: Schema): Schema {
  if (Array.isArray(schema.type) && schema.type.includes('null')) {
    const rest = schema.type.filter((t: string) => t !== 'null');
    const copy: Schema = { ...schema, type: rest.length === 1 ? rest[0] : rest };
    if (Array.isArray(schema.enum)) copy.enum = schema.enum.filter((v: unknown) => v !== null);
    return copy;
  }
  const alternatives: Schema[] | undefined = schema.oneOf ?? schema.anyOf;
  if (alternatives && alternatives.some(isNullSchema)) {
    const rest = alternatives.filter((s) => !isNullSchema(s));
    const key = schema.oneOf ? 'oneOf' : 'anyOf';
    if (rest.length === 1 && !schema.title) return rest[0]!;
    return { ...schema, [key]: rest };
  }
  return schema;
}

function isNullSchema(schema: Schema): boolean {
  return schema?.type === 'null' || (Array.isArray(schema?.enum) && schema.enum.length === 1 && schema.enum[0] === null);
}

/** Flattens `allOf` into one object schema; later parts narrow earlier ones property by property. */
export function mergeAllOf(schema: Schema): Schema {
  const merged: Schema = { type: 'object', properties: {}, required: [] };
  const parts: Schema[] = [...(schema.allOf ?? []), { ...schema, allOf: undefined }];
  for (const raw of parts) {
    const part = raw.allOf ? mergeAllOf(raw) : raw;
    for (const [name, prop] of Object.entries<Schema>(part.properties ?? {})) {
      const previous = merged.properties[name];
      merged.properties[name] = previous && !prop.type && !prop.$ref && !prop.title ? { ...previous, ...prop } : prop;
    }
    for (const name of part.required ?? []) if (!merged.required.includes(name)) merged.required.push(name);
    if (part.additionalProperties !== undefined) merged.additionalProperties = part.additionalProperties;
  }
  return merged;
}

/**
 * The discriminator of a `oneOf`: its property, and for each variant the constant it carries in that
 * property (read from the variant itself, so mapping strings never need resolving).
 */
function discriminatorOf(schema: Schema, variants: Schema[]) {
  const property: string | undefined = schema.discriminator?.propertyName;
  if (!property) return undefined;
  const mapping = variants.map((variant) => {
    const flat = variant.allOf ? mergeAllOf(variant) : variant;
    const tag = flat.properties?.[property];
    const value = tag?.const ?? (Array.isArray(tag?.enum) && tag.enum.length === 1 ? tag.enum[0] : undefined);
    if (typeof value !== 'string' || !variant.title) {
      throw new Error(`oneOf variant of ${schema.title ?? 'an inline union'} needs a title and a constant \`${property}\``);
    }
    return { value, type: pascalCase(variant.title) };
  });
  return { property, mapping: mapping.sort((a, b) => a.value.localeCompare(b.value)) };
}

/** A schema's first example (`examples: [...]`, or the older singular `example`), for SDK docs. */
export function schemaExample(schema: Schema | undefined): unknown {
  if (!schema || typeof schema !== 'object') return undefined;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  return schema.example;
}
