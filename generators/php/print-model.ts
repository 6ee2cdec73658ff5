import { phpLiteral, phpString } from './naming.js';
import { docBlock, docLines, finish, header, splitTernary } from './print-file.js';
import type { PhpDecl } from './refine.js';

export function printDecl(decl: PhpDecl): string {
  if (decl.kind === 'enum') return printEnum(decl);
  if (decl.kind === 'union') return printUnion(decl);
  const lines = header('Namaskah\\Models', ['Namaskah\\Core\\Model']);
  lines.push(...docBlock('', [docLines(decl.description, '')]));
  lines.push(`final class ${decl.name} extends Model`, '{');
  lines.push('    /** Wire name => property name, in spec order. */', '    public const WIRE = [');
  for (const p of decl.properties) lines.push(`        ${phpString(p.wire)} => ${phpString(p.name)},`);
  lines.push('    ];', '');
  const params = decl.properties.map((p) => {
    const doc = [...docLines(p.description, '        '), ...(p.doc ? [`        * @var ${p.doc}`.replace('        *', '         *')] : [])];
    return [
      ...(doc.length > 0 ? ['        /**', ...doc, '         */'] : []),
      `        public readonly ${p.type} $${p.name}${p.optional ? ' = null' : ''},`,
    ];
  });
  if (params.length === 0) {
    lines.push('    public function __construct()', '    {', '    }', '');
  } else {
    lines.push('    public function __construct(', ...params.flat(), '    ) {', '    }', '');
  }
  lines.push('    /**', '     * Decodes the wire (JSON) form; keys the payload omits stay absent in toArray().', '     *');
  lines.push('     * @param array<string, mixed> $data', '     */');
  lines.push('    public static function fromArray(array $data): self', '    {');
  if (decl.properties.length === 0) {
    lines.push('        $model = new self();');
  } else {
    lines.push('        $model = new self(');
    for (const p of decl.properties) lines.push(...splitTernary(`            ${p.name}: `, p.decode));
    lines.push('        );');
  }
  lines.push('        $model->markPresent(array_keys($data));', '', '        return $model;', '    }', '}');
  return finish(lines);
}

function printEnum(decl: PhpDecl & { kind: 'enum' }): string {
  const lines = header('Namaskah\\Models');
  lines.push(...docBlock('', [docLines(decl.description, '')]));
  lines.push(`enum ${decl.name}: ${decl.backing}`, '{');
  for (const c of decl.cases) lines.push(`    case ${c.name} = ${phpLiteral(c.value)};`);
  lines.push('}');
  return finish(lines);
}

function printUnion(decl: PhpDecl & { kind: 'union' }): string {
  const lines = header('Namaskah\\Models', ['Namaskah\\Core\\Model', 'Namaskah\\Core\\UnknownModel']);
  lines.push(
    ...docBlock('', [
      docLines(decl.description, ''),
      [
        ` * One of several shapes, told apart by \`${decl.property}\`: fromArray() returns the matching class`,
        ' * (an UnknownModel for a value this SDK version does not know).',
      ],
    ]),
  );
  lines.push(`final class ${decl.name}`, '{');
  lines.push(`    /** \`${decl.property}\` value => class. */`, '    public const VARIANTS = [');
  for (const v of decl.variants) lines.push(`        ${phpString(v.tag)} => ${v.className}::class,`);
  lines.push('    ];', '');
  lines.push('    /**', '     * @param array<string, mixed> $data', '     *');
  lines.push(
    `     * @return ${decl.variants.map((v) => v.className).join('|')}`.length > 116
      ? '     * @return Model'
      : `     * @return ${decl.variants.map((v) => v.className).join('|')}`,
  );
  lines.push('     */', '    public static function fromArray(array $data): Model', '    {');
  lines.push(`        $tag = $data[${phpString(decl.property)}] ?? null;`);
  lines.push('        $class = is_string($tag) ? (self::VARIANTS[$tag] ?? null) : null;', '');
  lines.push('        return $class === null ? UnknownModel::fromArray($data) : $class::fromArray($data);', '    }', '}');
  return finish(lines);
}
