/**
 * "Show Lineage for This File's Model": from what the language server knows a file trains or
 * serves (mlopsLens/modelsOfFile) to a node of the daemon's lineage, or the reason there is
 * none. No `vscode` import at run time, so it is unit tested; the command supplies the file's
 * models and the registry's versions.
 */
import type { ModelVersion } from '../../daemon/api/contract.ts';
import type { ModelsOfFileResult } from '../../server/lsp/protocol.ts';

export type LineageForFile =
  | { readonly found: true; readonly nodeId: string; readonly because: string }
  | { readonly found: false; readonly reason: string };

/** The part of a version's source after the run's `artifacts/`: `model` in `…/<run>/artifacts/model`. */
function runArtifactPath(source: string): string | undefined {
  const at = source.lastIndexOf('/artifacts/');
  return at < 0 ? undefined : source.slice(at + '/artifacts/'.length).replace(/\/+$/, '');
}

/**
 * A file's artifact path and a version's source name the same artifact: the same path inside the
 * run, or one ends with the other's folders and file name (`artifacts/model.joblib` logged as
 * `model.joblib`). A bare name without extension must match exactly.
 */
export function sameArtifact(filePath: string, source: string): boolean {
  const logged = runArtifactPath(source);
  if (logged === undefined || logged === '' || filePath.includes('*')) return false;
  if (logged === filePath) return true;
  const [shorter, longer] = logged.length < filePath.length ? [logged, filePath] : [filePath, logged];
  const name = shorter.split('/').at(-1) ?? '';
  return longer.endsWith(`/${shorter}`) && (shorter.includes('/') || /\.[^.]+$/.test(name));
}

function newest(versions: readonly ModelVersion[]): ModelVersion | undefined {
  return [...versions].sort((a, b) => Number(b.version) - Number(a.version))[0];
}

/**
 * The lineage node of the model a file trains or serves: the newest version registered under a
 * name the file registers or loads (training's own registrations first), else the newest version
 * whose artifact is one the file saves or loads.
 */
export function lineageForFile(
  fileName: string,
  models: ModelsOfFileResult,
  versions: readonly ModelVersion[],
): LineageForFile {
  if (models.reason !== undefined) return { found: false, reason: `${fileName}: ${models.reason}.` };
  const names = [...models.registeredModels].sort(
    (a, b) => Number(b.direction === 'save') - Number(a.direction === 'save'),
  );
  for (const model of names) {
    const version = newest(versions.filter((v) => v.name === model.name));
    if (version)
      return {
        found: true,
        nodeId: `model_version:${version.name}@${version.version}`,
        because: `${fileName} ${model.direction === 'save' ? 'registers' : 'loads'} the model ${model.name}`,
      };
  }
  for (const artifact of models.artifacts) {
    const version = newest(versions.filter((v) => sameArtifact(artifact.path, v.source)));
    if (version)
      return {
        found: true,
        nodeId: `model_version:${version.name}@${version.version}`,
        because: `${fileName} ${artifact.direction === 'save' ? 'saves' : 'loads'} ${artifact.path}, the artifact of ${version.name} v${version.version}`,
      };
  }
  const named = models.registeredModels.map((m) => m.name);
  const paths = models.artifacts.map((a) => a.path);
  return {
    found: false,
    reason:
      `${fileName} uses ${[...named.map((n) => `the model name ${n}`), ...paths].join(', ')}, ` +
      'but the daemon has no model version registered under that name or with that artifact. ' +
      'Register one (for example with registered_model_name=) and try again.',
  };
}
