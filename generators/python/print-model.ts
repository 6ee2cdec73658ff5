import { generatedHeader } from '../core/generated-file.js';
import { moduleName, type PyField, type PyModelFile } from './refine.js';
import { docstring, pyString } from './type-mapping.js';

/** Prints one model module: a pydantic class for an object, a type alias for everything else. */
export function printModel(model: PyModelFile): string {
  const lines = [generatedHeader('#')];
  if (model.typing.length > 0) lines.push(`from typing import ${model.typing.join(', ')}`, '');
  if (model.usesField) lines.push('from pydantic import Field', '');
  if (model.body.kind === 'class') lines.push('from .._core.model import BaseModel');
  for (const name of model.imports) lines.push(`from .${moduleName(name)} import ${name}`);
  lines.push('', '');
  const doc = model.decl.description;
  if (model.body.kind === 'alias') {
    lines.push(`${model.decl.name}: TypeAlias = ${model.body.source}`);
    if (doc) lines.push(docstring([doc]).trimEnd());
  } else {
    lines.push(`class ${model.decl.name}(BaseModel):`);
    if (doc) lines.push(docstring([doc], '    ').trimEnd(), '');
    if (model.body.fields.length === 0) lines.push('    pass');
    for (const field of model.body.fields) lines.push(printField(field));
  }
  return `${lines.join('\n')}\n`;
}

function printField(field: PyField): string {
  const nullable = field.type.endsWith('| None') || field.type === 'object';
  const type = field.required || nullable ? field.type : `${field.type} | None`;
  const args = [...(field.required ? [] : ['default=None']), ...(field.alias ? [`alias=${pyString(field.alias)}`] : [])];
  const value = field.alias ? ` = Field(${args.join(', ')})` : field.required ? '' : ' = None';
  const doc = docstring([field.description, field.deprecated ? 'Deprecated.' : undefined], '    ');
  return `    ${field.name}: ${type}${value}\n${doc}`;
}

/** `models/__init__.py`: re-exports every model. */
export function printModelIndex(models: PyModelFile[]): string {
  const imports = models.map((m) => `from .${m.moduleName} import ${m.decl.name} as ${m.decl.name}`);
  const all = models.map((m) => `    ${pyString(m.decl.name)},`);
  return [generatedHeader('#'), ...imports, '', '__all__ = [', ...all, ']', ''].join('\n');
}
