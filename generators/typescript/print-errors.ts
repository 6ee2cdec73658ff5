import { generatedHeader } from '../core/generated-file.js';
import type { TsModel } from './refine.js';

/** `resources/problem-errors.ts`: a class per problem code, extending its status family's class. */
export function printProblemErrors(model: TsModel): string {
  const families = [...new Set(model.errors.map((e) => e.extendsClass))].sort();
  const classes = model.errors
    .filter((e) => e.generated)
    .map(
      (e) =>
        `/** Problem \`${e.code}\`. */\nexport class ${e.className} extends ${e.extendsClass} {\n  static override readonly code = '${e.code}';\n}\n`,
    );
  const map = model.errors.map((e) => `  ${e.code}: ${e.className},`);
  return [
    generatedHeader('//'),
    `import { ${[...families, 'type ProblemErrorClass'].join(', ')} } from '../core/errors.js';`,
    '',
    ...classes,
    '/** Which class an error with a given problem `code` is raised as. */',
    'export const PROBLEM_ERROR_CLASSES: Readonly<Record<string, ProblemErrorClass>> = {',
    ...map,
    '};',
    '',
  ].join('\n');
}
