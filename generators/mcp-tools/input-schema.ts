import type { Parameter, Property, TypeDecl, TypeExpr } from '../ir/ir-types.js';
import type { JsonSchema } from './tool-model.js';

/**
 * IR types as JSON Schema for a tool's `inputSchema`, named declarations inlined (an MCP client reads one
 * self-contained schema). A declaration met again inside itself becomes `{}`: the server validates the rest.
 */
export class InputSchemaBuilder {
  readonly #decls: Map<string, TypeDecl>;
  readonly #open = new Set<string>();

  constructor(decls: Map<string, TypeDecl>) {
    this.#decls = decls;
  }

  /** A path, query or header parameter: its type, constraints and description. */
  parameter(p: Parameter): JsonSchema {
    return withDescription({ ...this.type(p.type), ...(p.constraints ?? {}) }, p.description, p.deprecated);
  }

  /** A body field, read-only fields being the server's to set. */
  property(p: Property): JsonSchema {
    return withDescription(this.type(p.type), p.description, p.deprecated);
  }

  type(type: TypeExpr): JsonSchema {
    switch (type.kind) {
      case 'primitive':
        return type.type === 'string' && type.format ? { type: 'string', format: type.format } : { type: type.type };
      case 'literal':
        return { const: type.value };
      case 'array':
        return { type: 'array', items: this.type(type.items) };
      case 'map':
        return { type: 'object', additionalProperties: this.type(type.values) };
      case 'nullable':
        return { anyOf: [this.type(type.type), { type: 'null' }] };
      case 'binary':
        return { type: 'string', contentEncoding: 'base64' };
      case 'unknown':
        return {};
      case 'ref':
        return this.#declaration(type.name);
    }
  }

  #declaration(name: string): JsonSchema {
    const decl = this.#decls.get(name);
    if (!decl || this.#open.has(name)) return {};
    this.#open.add(name);
    try {
      return withDescription(this.#declarationBody(decl), decl.description);
    } finally {
      this.#open.delete(name);
    }
  }

  #declarationBody(decl: TypeDecl): JsonSchema {
    switch (decl.kind) {
      case 'enum':
        return { type: decl.valueType, enum: decl.values };
      case 'alias':
        return this.type(decl.type);
      case 'union':
        return { anyOf: decl.variants.map((v) => this.type(v)) };
      case 'object':
        return this.object(
          decl.properties.filter((p) => !p.readOnly),
          decl.additionalProperties,
        );
    }
  }

  /** An object of the given fields; `additional` as the declaration says (absent: anything else allowed). */
  object(fields: Property[], additional?: boolean | TypeExpr): JsonSchema {
    const required = fields.filter((f) => f.required).map((f) => f.name);
    return {
      type: 'object',
      properties: Object.fromEntries(fields.map((f) => [f.name, this.property(f)])),
      ...(required.length ? { required } : {}),
      ...(additional === undefined ? {} : { additionalProperties: typeof additional === 'boolean' ? additional : this.type(additional) }),
    };
  }
}

function withDescription(schema: JsonSchema, description?: string, deprecated?: boolean): JsonSchema {
  return {
    ...schema,
    ...(description ? { description: description.replace(/\s+/g, ' ').trim() } : {}),
    ...(deprecated ? { deprecated: true } : {}),
  };
}
