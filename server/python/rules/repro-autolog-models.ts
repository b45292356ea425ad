import type { Report } from '../../engine/types.ts';
import type { PythonFileRule } from './python-rule.ts';

/**
 * `mlflow.autolog()` logs a model on every `fit`, including preprocessors and search candidates,
 * so the run holds several models and none is clearly the one to register.
 */
export const reproAutologModels: PythonFileRule = {
  meta: {
    id: 'repro/autolog-models',
    defaultSeverity: 'information',
    title: 'MLflow autolog logs models implicitly',
  },
  target: 'python-file',
  check(facts) {
    if (facts.role === 'serving') return [];
    const reports: Report[] = [];
    for (const call of facts.mlflow) {
      if (call.api !== 'autolog') continue;
      const logModels = call.call.arguments.keywords.find((k) => k.name === 'log_models');
      if (logModels?.value.kind === 'boolean' && !logModels.value.value) continue;
      if (logModels && logModels.value.kind !== 'boolean') continue;
      const args = call.call.arguments;
      const edit = logModels
        ? { range: logModels.range, newText: 'False' }
        : {
            range: { start: args.insertPosition, end: args.insertPosition },
            newText: `${args.needsComma ? ', ' : ''}log_models=False`,
          };
      reports.push({
        range: call.call.range,
        message: `${call.call.calleeText}() logs a model on every fit; log the final model explicitly with log_model instead.`,
        fixes: [{ title: 'Set log_models=False', changes: [{ uri: facts.uri, edits: [edit] }], safe: true }],
      });
    }
    return reports;
  },
};
