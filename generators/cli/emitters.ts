import { cliCommandsEmitter } from '../cli-commands/index.js';
import type { Emitter } from '../core/emitter.js';
import { goEmitter } from '../go/index.js';
import { mcpToolsEmitter } from '../mcp-tools/index.js';
import { phpEmitter } from '../php/index.js';
import { pythonEmitter } from '../python/index.js';
import { rubyEmitter } from '../ruby/index.js';
import { serverContractEmitter, typescriptEmitter } from '../typescript/index.js';

/**
 * Every emitter `pnpm gen` runs, in output order. Generation writes each one's output to its
 * `outputRoot`, and the goldens run each one that has a `goldenDir` over every fixture spec: adding a
 * language is adding its emitter here (see generators/README.md).
 */
export const EMITTERS: readonly Emitter[] = [
  typescriptEmitter,
  pythonEmitter,
  goEmitter,
  rubyEmitter,
  phpEmitter,
  serverContractEmitter,
  cliCommandsEmitter,
  mcpToolsEmitter,
];
