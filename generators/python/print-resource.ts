import { generatedHeader } from '../core/generated-file.js';
import type { PyArg, PyMethod, PyResourceFile } from './refine.js';
import { docstring } from './type-mapping.js';

/** Prints one resource module: a sync and an async class, a method per operation, each one core call. */
export function printResource(input: PyResourceFile): string {
  const resource = qualifyShadowedBuiltins(input);
  const lines = [generatedHeader('#'), 'from __future__ import annotations', ''];
  const usesBuiltins = resource.methods.some((m) =>
    [m.syncReturn, m.asyncReturn, ...m.callArgs, ...[...m.positional, ...m.keyword].map((a) => a.type)].some((t) => t.includes('builtins.')),
  );
  if (usesBuiltins) lines.push('import builtins');
  const usesMapping = resource.methods.some((m) => m.keyword.some((a) => a.type.includes('Mapping[')));
  if (usesMapping) lines.push('from collections.abc import Mapping');
  if (resource.typing.length > 0) lines.push(`from typing import ${resource.typing.join(', ')}`);
  lines.push('', `from .._core import AsyncAPIResource, SyncAPIResource, ${resource.coreImports.join(', ')}`);
  if (resource.modelImports.length > 0) lines.push(`from ..models import ${resource.modelImports.join(', ')}`);
  lines.push('', '');
  for (const flavour of ['sync', 'async'] as const) {
    const name = flavour === 'sync' ? resource.className : resource.asyncClassName;
    lines.push(`class ${name}(${flavour === 'sync' ? 'SyncAPIResource' : 'AsyncAPIResource'}):`);
    lines.push(docstring([resource.description ?? `The \`${resource.accessor}\` resource.`], '    ').trimEnd(), '');
    lines.push(resource.methods.map((m) => printMethod(m, flavour)).join('\n'));
    lines.push('', '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function printArg(arg: PyArg): string {
  return `${arg.name}: ${arg.type}${arg.default ? ` = ${arg.default}` : ''}`;
}

function printMethod(method: PyMethod, flavour: 'sync' | 'async'): string {
  const isAsync = flavour === 'async';
  // Async pages are returned unawaited: `async for` works on them directly, `await` gives the first page.
  const coroutine = isAsync && method.call !== 'request_page';
  const params = ['self', ...method.positional.map(printArg), '*', ...method.keyword.map(printArg)];
  const returns = isAsync ? method.asyncReturn : method.syncReturn;
  const argDocs = [...method.positional, ...method.keyword]
    .filter((a) => a.description)
    .map((a) => `    ${a.name}: ${a.description!.replace(/\n/g, '\n        ')}`);
  const example = isAsync
    ? method.example.replace(/^for /, 'async for ').replace(/^(result = |)client\./, (_, r: string) => `${r}${method.call !== 'request_page' ? 'await ' : ''}client.`)
    : method.example;
  const doc = docstring(
    [
      method.summary,
      method.description,
      `\`${method.httpMethod} ${method.path}\` (\`${method.operationId}\`)`,
      method.deprecated ? 'Deprecated.' : undefined,
      argDocs.length > 0 ? `Args:\n${argDocs.join('\n')}` : undefined,
      `Example:\n    ${example.replace(/\n/g, '\n    ')}`,
    ],
    '        ',
  );
  const call = `self._client.${method.call}(${method.callArgs.join(', ')}, options=request_options)`;
  const awaited = coroutine ? `await ${call}` : call;
  const body = method.castResult ? `return cast(${returns}, ${awaited})` : `return ${awaited}`;
  return `    ${coroutine ? 'async ' : ''}def ${method.name}(${params.join(', ')}) -> ${returns}:\n${doc}        ${body}\n`;
}

const BUILTIN_TYPES = ['list', 'dict', 'str', 'int', 'float', 'bool', 'bytes', 'object', 'type'];

/**
 * A method named like a builtin (`list`) shadows it inside the class body, so annotations after it would
 * name the method: such builtins are written `builtins.list[...]` in that resource.
 */
function qualifyShadowedBuiltins(resource: PyResourceFile): PyResourceFile {
  const shadowed = BUILTIN_TYPES.filter((b) => resource.methods.some((m) => m.name === b));
  if (shadowed.length === 0) return resource;
  const pattern = new RegExp(`(?<![\\w.])(${shadowed.join('|')})(?=\\[|\\b(?!\\s*[(=]))`, 'g');
  const fix = (source: string) => source.replace(pattern, 'builtins.$1');
  const fixArg = (a: PyArg): PyArg => ({ ...a, type: fix(a.type) });
  return {
    ...resource,
    methods: resource.methods.map((m) => ({
      ...m,
      positional: m.positional.map(fixArg),
      keyword: m.keyword.map(fixArg),
      syncReturn: fix(m.syncReturn),
      asyncReturn: fix(m.asyncReturn),
      callArgs: m.callArgs.map((arg) => arg.replace(/^([a-z_]+)=(.*)$/s, (_, key: string, value: string) => `${key}=${value.startsWith('"') ? value : fix(value)}`)),
    })),
  };
}
