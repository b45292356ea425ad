/**
 * `mlopsLens/modelsOfFile`: the registered model names and model artifacts a Python file or
 * notebook uses, read from its facts in the scope's Python workspace index.
 */
import type { PythonFileFacts } from '../python/facts/file-facts.ts';
import { stringOf } from '../python/facts/static-value.ts';
import { artifactKey } from '../python/workspace/artifact-paths.ts';
import type {
  FileModelArtifact,
  FileRegisteredModel,
  ModelsOfFileParams,
  ModelsOfFileResult,
} from './protocol.ts';
import { isPythonUri } from './python-slot.ts';
import type { ServerContext } from './server-context.ts';

/** The answer from a file's facts (pure). */
export function modelsInFacts(facts: PythonFileFacts): ModelsOfFileResult {
  const registeredModels: FileRegisteredModel[] = [];
  const artifacts: FileModelArtifact[] = [];
  const addName = (
    name: string | null,
    direction: 'save' | 'load',
    range: FileRegisteredModel['range'],
  ): void => {
    if (name && !registeredModels.some((m) => m.name === name && m.direction === direction))
      registeredModels.push({ name, direction, range });
  };
  for (const artifact of facts.artifacts) {
    addName(stringOf(artifact.registeredModelName), artifact.direction, artifact.call.range);
    const path = artifactKey(artifact.path);
    if (path !== null && !artifacts.some((a) => a.path === path && a.direction === artifact.direction))
      artifacts.push({
        path,
        direction: artifact.direction,
        library: artifact.library,
        range: artifact.pathRange ?? artifact.call.range,
      });
  }
  for (const call of facts.mlflow) {
    const name = stringOf(call.registeredModelName);
    // `register_model` registers; a `models:/` URI in any other call reads a registered model.
    addName(
      name,
      call.api === 'register_model' || call.api === 'log_model' ? 'save' : 'load',
      call.call.range,
    );
  }
  const found = registeredModels.length + artifacts.length > 0;
  return {
    role: facts.role,
    registeredModels,
    artifacts,
    ...(found
      ? {}
      : {
          reason:
            facts.role === 'neither'
              ? 'it neither trains nor serves a model (no fit, training loop or request handler found)'
              : `it is a ${facts.role === 'both' ? 'training and serving' : facts.role} file, but saves, loads and registers no model whose path or name is known`,
        }),
  };
}

export async function modelsOfFile(
  context: ServerContext,
  params: ModelsOfFileParams,
): Promise<ModelsOfFileResult> {
  const empty = (reason: string): ModelsOfFileResult => ({
    role: 'unknown',
    registeredModels: [],
    artifacts: [],
    reason,
  });
  if (!isPythonUri(params.uri)) return empty('it is not a Python file or notebook');
  const scope = await context.scopes.scopeFor(params.uri);
  const facts = scope.python?.facts(params.uri);
  if (!facts)
    return empty(
      'the language server has not indexed it: it is outside the workspace folders, or still loading',
    );
  return modelsInFacts(facts);
}
