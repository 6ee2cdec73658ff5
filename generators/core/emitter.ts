import type { Ir } from '../ir/ir-types.js';
import type { GeneratedFile } from './generated-file.js';
import { type ApiPlan, planApi } from './operation-plan.js';

/**
 * One target language (or one generated module, like the server's contract): what `pnpm gen` and the
 * goldens need to know to produce its files. Refine turns the IR and the language-neutral plan into the
 * language's model (names, types, imports: data, no code); print lays that model out as files; format
 * runs the language's own formatter (core/formatters/).
 */
export interface Emitter<Model = unknown> {
  /** The language or module (`typescript`, `python`, `go`): used in messages. */
  name: string;
  /** The generator's name recorded in the output folder's manifest. */
  generator: string;
  /** Where the spec's output goes, relative to the repository root (`sdks/js`). */
  outputRoot: string;
  /**
   * Where each fixture's golden output goes, relative to `generators/test/golden/<fixture>/` (`.` for that
   * folder itself, which also holds the fixture's IR dump); absent when the emitter has no goldens.
   */
  goldenDir?: string;
  refine(ir: Ir, plan: ApiPlan): Model;
  print(model: Model): GeneratedFile[];
  format(files: GeneratedFile[]): Promise<GeneratedFile[]>;
  /**
   * Files a third-party generator makes from the bundled contract (spec/dist/openapi.json, `$ref`s intact),
   * written beside `print`'s under the same manifest and formatter; spec output only, never goldens.
   */
  printBundled?(openapiJson: string): Promise<GeneratedFile[]>;
  /**
   * The emitter serves every operation, also those no client calls (`x-sdk-exclude`): the server's contract.
   * Every other emitter (SDKs, CLI, MCP) sees the IR without them.
   */
  everyOperation?: boolean;
}

/**
 * The IR a client-side emitter sees, without the operations only a third party calls, and its plan: made once
 * per IR (a run's emitters share it), and the IR itself when nothing is excluded.
 */
const clientViews = new WeakMap<Ir, { ir: Ir; plan?: ApiPlan }>();
function clientView(ir: Ir): { ir: Ir; plan?: ApiPlan } {
  let view = clientViews.get(ir);
  if (!view) {
    if (!ir.resources.some((r) => r.operations.some((op) => op.sdkExcluded))) view = { ir };
    else {
      const resources = ir.resources
        .map((r) => ({ ...r, operations: r.operations.filter((op) => !op.sdkExcluded) }))
        .filter((r) => r.operations.length > 0);
      const clientIr = { ...ir, resources };
      view = { ir: clientIr, plan: planApi(clientIr) };
    }
    clientViews.set(ir, view);
  }
  return view;
}

/**
 * Runs one emitter over an IR: refine, print, refuse two files on one path, format, sort by path.
 * `plan` is the IR's operation plan, computed once and shared by every emitter of a run; `bundled`, the
 * bundled contract, is given for the spec's own run (not the fixtures') to emitters with `printBundled`.
 */
export async function emit<Model>(
  emitter: Emitter<Model>,
  ir: Ir,
  plan: ApiPlan = planApi(ir),
  bundled?: string,
): Promise<GeneratedFile[]> {
  const view = emitter.everyOperation ? { ir, plan } : clientView(ir);
  const files = emitter.print(emitter.refine(view.ir, view.plan ?? plan));
  if (bundled && emitter.printBundled) files.push(...(await emitter.printBundled(bundled)));
  const paths = files.map((f) => f.path);
  const clash = paths.find((p, i) => paths.indexOf(p) !== i);
  if (clash) throw new Error(`${emitter.name}: two generated files would be written to ${clash}; rename the tag or schema`);
  const formatted = await emitter.format(files);
  return formatted.sort((a, b) => a.path.localeCompare(b.path));
}
