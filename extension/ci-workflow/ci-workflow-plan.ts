/**
 * What the CI workflow needs to know about a workspace, found from its file list and a few
 * files' text: the training script and its requirements, the serving requirements, the
 * registry metadata with the model's signature, and the model file training saves. Pure: the
 * command hands it the workspace-relative paths and a reader.
 */
export interface CiWorkflowPlan {
  /** The version of the `mlops-lens` npm package the workflow runs. */
  readonly lensVersion: string;
  readonly pythonVersion: string;
  readonly training: TrainingPlan | undefined;
  /** Requirements of the serving environment: installed alone in the contract job. */
  readonly servingRequirements: string | undefined;
  /** A ModelRegistryMetadata JSON file whose signature is the serving contract. */
  readonly metadata: { readonly path: string; readonly model: string; readonly version: string } | undefined;
}

export interface TrainingPlan {
  readonly script: string;
  /** The folder the script runs in (its own): relative paths in it resolve from there. */
  readonly workingDirectory: string;
  readonly requirements: string | undefined;
  /** The model file the script saves, relative to the repository root, when it can be told. */
  readonly modelPath: string | undefined;
}

const SKIPPED = /(^|\/)(node_modules|\.venv|venv|\.git|site-packages|tests?|dist|build)\//;
const TRAIN_SCRIPT = /(^|\/)(train[\w-]*|fit[\w-]*)\.py$/;
const TRAIN_REQUIREMENTS =
  /(^|\/)requirements[-_.]?(train|training)[\w-]*\.txt$|(^|\/)requirements\/(train|training)[\w-]*\.txt$/;
const SERVE_REQUIREMENTS =
  /(^|\/)requirements[-_.]?(serve|serving|api|inference)[\w-]*\.txt$|(^|\/)requirements\/(serve|serving|api|inference)[\w-]*\.txt$/;
const METADATA = /(^|\/)([\w.-]+\.)?model-registry-metadata\.json$/;
const MODEL_SAVE = /(?:joblib|pickle|torch)\.(?:dump|save)\(\s*[^,()]+,\s*([^)\n]+?)\s*[,)]/;

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '.' : path.slice(0, slash);
}

function join(folder: string, path: string): string {
  return folder === '.' ? path : `${folder}/${path}`;
}

/** Shallowest first, then alphabetical: the project's own entry points before nested copies. */
function byDepth(a: string, b: string): number {
  return a.split('/').length - b.split('/').length || a.localeCompare(b);
}

/** The nearest file matching `pattern` in the script's folder or above it. */
function nearest(files: readonly string[], folder: string, pattern: RegExp): string | undefined {
  for (let current = folder; ; current = folderOf(current)) {
    const found = files.filter((f) => folderOf(f) === current && pattern.test(f)).sort(byDepth)[0];
    if (found || current === '.') return found;
  }
}

/**
 * The path a module-level expression names: a string, a constant (`MODEL_PATH`), or
 * `os.path.join(...)` / `Path(...) / "..."` of those. Undefined for anything else.
 */
function pathValue(script: string, expression: string, depth = 0): string | undefined {
  const text = expression.trim();
  if (depth > 4) return undefined;
  const literal = /^["']([^"']*)["']$/.exec(text);
  if (literal) return literal[1];
  if (/^[A-Za-z_]\w*$/.test(text)) {
    const assigned = new RegExp(`^${text}\\s*=\\s*(.+?)\\s*(#.*)?$`, 'm').exec(script);
    return assigned?.[1] ? pathValue(script, assigned[1], depth + 1) : undefined;
  }
  const joined = /^(?:os\.path\.join|Path|pathlib\.Path)\((.*)\)$/.exec(text);
  const parts = joined ? (joined[1] ?? '').split(',') : text.includes(' / ') ? text.split(' / ') : undefined;
  if (!parts) return undefined;
  const values = parts.map((part) => pathValue(script, part.replace(/^Path\((.*)\)$/, '$1'), depth + 1));
  return values.every((v): v is string => v !== undefined) ? values.join('/') : undefined;
}

/** The model file a training script saves: `joblib.dump(model, MODEL_PATH)` and the like. */
export function savedModelPath(script: string): string | undefined {
  const match = MODEL_SAVE.exec(script);
  return match?.[1] ? pathValue(script, match[1]) : undefined;
}

function metadataOf(path: string, text: string | undefined): CiWorkflowPlan['metadata'] {
  try {
    const parsed = JSON.parse(text ?? '') as { model_name?: unknown; version?: unknown };
    const version = parsed.version;
    if (typeof parsed.model_name !== 'string') return undefined;
    if (typeof version !== 'string' && typeof version !== 'number') return undefined;
    return { path, model: parsed.model_name, version: String(version) };
  } catch {
    return undefined;
  }
}

/** Metadata files: by name, or JSON files in a `models/` folder that declare the schema. */
function metadataFiles(files: readonly string[], read: (path: string) => string | undefined): string[] {
  return files
    .filter((f) => !SKIPPED.test(f))
    .filter(
      (f) =>
        METADATA.test(f) ||
        (/(^|\/)models\/[^/]+\.json$/.test(f) && (read(f) ?? '').includes('ModelRegistryMetadata')),
    )
    .sort(byDepth);
}

/** The files whose text the plan reads (the others it knows by name): what a caller must supply. */
export function planReads(path: string): boolean {
  return (TRAIN_SCRIPT.test(path) || path.endsWith('.json')) && !SKIPPED.test(path);
}

export function planCiWorkflow(
  files: readonly string[],
  read: (path: string) => string | undefined,
  versions: { readonly lens: string; readonly python?: string },
): CiWorkflowPlan {
  const visible = files.filter((f) => !SKIPPED.test(`${f}`) && !f.startsWith('.'));
  const script = visible.filter((f) => TRAIN_SCRIPT.test(f)).sort(byDepth)[0];
  let training: TrainingPlan | undefined;
  if (script) {
    const folder = folderOf(script);
    const saved = savedModelPath(read(script) ?? '');
    training = {
      script,
      workingDirectory: folder,
      requirements:
        nearest(visible, folder, TRAIN_REQUIREMENTS) ?? nearest(visible, folder, /(^|\/)requirements\.txt$/),
      modelPath:
        saved && !/^[a-z][\w+.-]*:/.test(saved) && !saved.startsWith('/') ? join(folder, saved) : undefined,
    };
  }
  const near = training?.workingDirectory ?? '.';
  const servingRequirements =
    nearest(visible, near, SERVE_REQUIREMENTS) ??
    visible.filter((f) => SERVE_REQUIREMENTS.test(f)).sort(byDepth)[0] ??
    nearest(visible, near, /(^|\/)requirements\.txt$/);
  const metadataPath = metadataFiles(files, read)[0];
  return {
    lensVersion: versions.lens,
    pythonVersion: versions.python ?? '3.12',
    training,
    servingRequirements,
    metadata: metadataPath ? metadataOf(metadataPath, read(metadataPath)) : undefined,
  };
}
