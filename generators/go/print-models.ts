import { goDoc, goString } from './naming.js';
import { goFile } from './print-file.js';
import type { GoDecl, GoField, GoModel } from './refine.js';

/** `gen_models.go`: one struct (or alias) per object schema of the contract. */
export function printModels(model: GoModel): string {
  const decls = model.decls.filter((d) => d.kind === 'struct' || d.kind === 'alias');
  const body = decls.map((d) =>
    d.kind === 'struct'
      ? `${declDoc(d.name, d.doc)}type ${d.name} struct {\n${printFields(d.fields)}}\n`
      : d.kind === 'alias'
        ? `${declDoc(d.name, d.doc)}type ${d.name} = ${d.type}\n`
        : '',
  );
  return goFile(
    decls.flatMap((d) => d.imports),
    body,
  );
}

/** Struct fields with their docs and JSON tags; shared with the params structs of the services. */
export function printFields(fields: GoField[]): string {
  return fields.map((f) => `${goDoc(f.doc, '\t')}\t${f.name} ${f.type}${f.tag ? ` \`json:${goString(f.tag)}\`` : ''}\n`).join('');
}

function declDoc(name: string, description?: string): string {
  return goDoc([description ? `${name}: ${description}` : `${name} is a model of the API.`]);
}

/** `gen_enums.go`: a named type per enum with a constant per value; unknown values still decode. */
export function printEnums(model: GoModel): string {
  const enums = model.decls.filter((d): d is GoDecl & { kind: 'enum' } => d.kind === 'enum');
  const body = enums.map((e) => {
    const consts = e.values.map((v) => `\t${v.name} ${e.name} = ${v.literal}`).join('\n');
    return `${declDoc(e.name, e.doc)}type ${e.name} ${e.base}\n${consts ? `\n// Values of ${e.name}.\nconst (\n${consts}\n)\n` : ''}`;
  });
  return goFile([], body);
}

/**
 * `gen_unions.go`: a struct per `oneOf` holding one variant behind a sealed interface, with JSON
 * encoding that picks the variant by the discriminator (or, without one, by the first variant that
 * decodes strictly).
 */
export function printUnions(model: GoModel): string {
  const unions = model.decls.filter((d): d is GoDecl & { kind: 'union' } => d.kind === 'union');
  if (unions.length === 0) return goFile([], []);
  const body = unions.map((u) => {
    const variantIface = `${u.name}Variant`;
    const marker = `is${u.name}`;
    const list = u.variants.map((v) => `*${v.typeName}`).join(', ');
    const markers = u.variants.map((v) => `func (*${v.typeName}) ${marker}() {}`).join('\n');
    const accessors = u.variants
      .map(
        (v) =>
          `// As${v.typeName} returns the variant when it is a ${v.typeName}.\nfunc (u ${u.name}) As${v.typeName}() (*${v.typeName}, bool) {\n\tv, ok := u.Variant.(*${v.typeName})\n\treturn v, ok\n}\n`,
      )
      .join('\n');
    const decode = u.discriminator
      ? `\tvar probe struct {\n\t\tTag string \`json:${goString(u.discriminator.property)}\`\n\t}\n\tif err := json.Unmarshal(data, &probe); err != nil {\n\t\treturn err\n\t}\n\tu.raw = append(json.RawMessage(nil), data...)\n\tswitch probe.Tag {\n${u.variants
          .filter((v) => v.tag !== undefined)
          .map(
            (v) =>
              `\tcase ${goString(v.tag!)}:\n\t\tvar v ${v.typeName}\n\t\tif err := json.Unmarshal(data, &v); err != nil {\n\t\t\treturn err\n\t\t}\n\t\tu.Variant = &v\n`,
          )
          .join(
            '',
          )}\tdefault:\n\t\t// A variant this SDK does not know yet: keep the raw JSON (see Raw) instead of failing.\n\t\tu.Variant = nil\n\t}\n\treturn nil\n`
      : `\tu.raw = append(json.RawMessage(nil), data...)\n${u.variants
          .map(
            (v) =>
              `\tvar v${v.typeName} ${v.typeName}\n\tif decodeStrict(data, &v${v.typeName}) == nil {\n\t\tu.Variant = &v${v.typeName}\n\t\treturn nil\n\t}\n`,
          )
          .join('')}\treturn fmt.Errorf("namaskah: JSON matches no variant of ${u.name}")\n`;
    return [
      `${declDoc(u.name, u.doc)}//\n// Variant is one of ${list}; switch on its type or use the As methods.`,
      `type ${u.name} struct {\n\tVariant ${variantIface}\n\traw json.RawMessage\n}\n`,
      `// ${variantIface} is implemented by the variants of ${u.name}: ${list}.\ntype ${variantIface} interface {\n\t${marker}()\n}\n`,
      `${markers}\n`,
      accessors,
      `// Raw is the JSON the union was decoded from (nil when built in code).\nfunc (u ${u.name}) Raw() json.RawMessage { return u.raw }\n`,
      `// MarshalJSON encodes the variant.\nfunc (u ${u.name}) MarshalJSON() ([]byte, error) {\n\tif u.Variant == nil {\n\t\tif u.raw != nil {\n\t\t\treturn u.raw, nil\n\t\t}\n\t\treturn nil, fmt.Errorf("namaskah: ${u.name} has no variant set")\n\t}\n\treturn json.Marshal(u.Variant)\n}\n`,
      `// UnmarshalJSON decodes the variant the JSON describes.\nfunc (u *${u.name}) UnmarshalJSON(data []byte) error {\n${decode}}\n`,
    ].join('\n');
  });
  return goFile(['encoding/json', 'fmt'], body);
}

/** `gen_constants.go`: the contract version, its closed lists, and a zero-size type per spec `const` string. */
export function printConstants(model: GoModel): string {
  const list = (values: string[]) => `[]string{\n${values.map((v) => `\t${goString(v)},`).join('\n')}\n}`;
  const consts = model.consts.map(
    (c) =>
      `// ${c.name} is the constant ${goString(c.value)}: its zero value encodes as that string and decoding\n// accepts nothing else.\ntype ${c.name} struct{}\n\n` +
      `// Value is the constant's string.\nfunc (${c.name}) Value() string { return ${goString(c.value)} }\n\n` +
      `// MarshalJSON encodes the constant.\nfunc (${c.name}) MarshalJSON() ([]byte, error) { return []byte(${goString(JSON.stringify(c.value))}), nil }\n\n` +
      `// UnmarshalJSON accepts only the constant.\nfunc (*${c.name}) UnmarshalJSON(data []byte) error { return decodeConst(data, ${goString(c.value)}) }\n`,
  );
  return goFile(
    [],
    [
      `// APIVersion is the version of the ${model.title} contract this SDK was generated from.\nconst APIVersion = ${goString(model.version)}\n`,
      `// EventTypes lists every webhook and real-time event type.\nvar EventTypes = ${list(model.eventTypes)}\n`,
      `// ErrorCodes lists every problem code the API documents. Handle an unknown code by its HTTP status.\nvar ErrorCodes = ${list(model.errorCodes)}\n`,
      ...consts,
    ],
  );
}

/** `gen_errors.go`: a sentinel per problem code, for errors.Is, and the code -> sentinel table. */
export function printErrors(model: GoModel): string {
  const vars = model.errorKinds
    .filter((e) => e.generated)
    .map(
      (e) =>
        `\t// ${e.name} matches an *APIError with problem code ${goString(e.code)} (HTTP ${e.status} family).\n\t${e.name} = &ErrorKind{Code: ${goString(e.code)}, Status: ${e.status}}`,
    );
  const table = model.errorKinds.map((e) => `\t${goString(e.code)}: ${e.name},`);
  return goFile(
    [],
    [
      vars.length > 0 ? `// Sentinels per problem code: errors.Is(err, ErrInsufficientBalance).\nvar (\n${vars.join('\n')}\n)\n` : '',
      `// ErrorKinds maps every documented problem code to the sentinel errors.Is matches it with.\nvar ErrorKinds = map[string]*ErrorKind{\n${table.join('\n')}\n}\n`,
    ],
  );
}
