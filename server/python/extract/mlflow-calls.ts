import type { MlflowFact } from '../facts/file-facts.ts';
import { keyword, type FileContext } from './file-context.ts';
import { modelNameFromUri } from './artifacts.ts';

/** Every `mlflow.*` call: runs, params, inputs, autolog and its arguments, registration. */
export function extractMlflow(context: FileContext): MlflowFact[] {
  const out: MlflowFact[] = [];
  for (const { node, scope } of context.buckets.calls) {
    if (!context.callee(node).startsWith('mlflow.')) continue;
    const call = context.call(node, scope);
    const match = /^mlflow\.(?:([a-z_]+)\.)?([a-z_]+)$/.exec(call.callee);
    if (!match?.[2]) continue;
    const flavor = match[1] && match[1] !== 'tracking' ? match[1] : null;
    const api = match[2];
    let registered = keyword(call, 'registered_model_name')?.value ?? null;
    if (api === 'register_model') {
      registered = call.arguments.positional[1]?.value ?? keyword(call, 'name')?.value ?? null;
    } else if (api === 'load_model')
      registered = modelNameFromUri(
        call.arguments.positional[0]?.value ?? keyword(call, 'model_uri')?.value ?? null,
      );
    out.push({ api, flavor, call, registeredModelName: registered, scope });
  }
  return out;
}
