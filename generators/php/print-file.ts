import { GENERATED_MARKER } from '../core/generated-file.js';

/** The opening of every generated PHP file: the marker as a file docblock, strict types, the namespace. */
export function header(namespace: string, uses: string[] = []): string[] {
  const lines = [
    '<?php',
    '',
    '/**',
    ` * ${GENERATED_MARKER}. Source: spec/; regenerate with \`pnpm gen\`.`,
    ' */',
    '',
    'declare(strict_types=1);',
    '',
    `namespace ${namespace};`,
    '',
  ];
  if (uses.length > 0) lines.push(...[...new Set(uses)].sort().map((u) => `use ${u};`), '');
  return lines;
}

/** Word-wraps text into docblock lines at `indent`, keeping blank lines and list items. */
export function docLines(text: string | undefined, indent: string): string[] {
  if (!text) return [];
  const width = 116 - indent.length - 3;
  const out: string[] = [];
  for (const paragraph of text.replace(/\*\//g, '*&#47;').split('\n')) {
    if (paragraph.trim() === '') {
      out.push(`${indent} *`);
      continue;
    }
    let line = '';
    for (const word of paragraph.trim().split(/\s+/)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(`${indent} * ${line}`);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    if (line) out.push(`${indent} * ${line}`);
  }
  while (out.at(-1) === `${indent} *`) out.pop();
  return out;
}

export function docBlock(indent: string, sections: string[][]): string[] {
  const body: string[] = [];
  for (const s of sections.filter((x) => x.length > 0)) {
    if (body.length > 0) body.push(`${indent} *`);
    body.push(...s);
  }
  return body.length === 0 ? [] : [`${indent}/**`, ...body, `${indent} */`];
}

/** A docblock line cut at a word boundary to fit 118 columns. */
export function clip(line: string): string {
  if (line.length <= 118) return line;
  const cut = line.slice(0, 115);
  return `${cut.slice(0, cut.lastIndexOf(' '))} ...`;
}

/** A named argument `name: a ? b : c`, broken over three lines when it would pass 118 columns. */
export function splitTernary(prefix: string, expr: string): string[] {
  const q = expr.indexOf(' ? ');
  const c = expr.lastIndexOf(' : ');
  if (prefix.length + expr.length + 1 <= 118) return [`${prefix}${expr},`];
  if (q < 0 || c < q) return [prefix.trimEnd(), `${' '.repeat(prefix.length - prefix.trimStart().length)}    ${expr},`];
  const indent = `${' '.repeat(prefix.length - prefix.trimStart().length)}    `;
  return [`${prefix}${expr.slice(0, q)}`, `${indent}? ${expr.slice(q + 3, c)}`, `${indent}: ${expr.slice(c + 3)},`];
}

export function finish(lines: string[]): string {
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
