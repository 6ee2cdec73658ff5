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
  // Each generated class is listed under its own static `code` (the code is written once: a smaller
  // bundle); a code raised as its status family's class (`not_found`) is listed by name.
  const ownCode = model.errors.filter((e) => e.generated).map((e) => e.className);
  const familyCode = model.errors.filter((e) => !e.generated).map((e) => `  ${e.code}: ${e.className},`);
  const map = ownCode.length ? [`  ...Object.fromEntries([${ownCode.join(', ')}].map((c) => [c.code, c])),`, ...familyCode] : familyCode;
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
