import { LineIndex } from '../../engine/line-index.ts';
import type { Fix, Report } from '../../engine/types.ts';
import type { DatasetReadFact, MlflowFact, PythonFileFacts } from '../facts/file-facts.ts';
import { stringOf, type StaticValue } from '../facts/static-value.ts';
import { artifactKey } from '../workspace/artifact-paths.ts';
import type { PythonFileRule, PythonRuleContext } from './python-rule.ts';

const VERSION_KEY = /data(set)?[_-]?(version|digest|hash|sha|md5|rev)|(version|digest|hash|sha)[_-]?data/i;

/** Keys logged as params or tags: a data version or digest among them counts as versioning. */
function logsDataVersion(calls: readonly MlflowFact[]): boolean {
  return calls.some((call) => {
    if (call.api === 'log_input') return true;
    if (call.api === 'log_param' || call.api === 'set_tag')
      return VERSION_KEY.test(stringOf(call.call.arguments.positional[0]?.value) ?? '');
    if (call.api === 'log_params' || call.api === 'set_tags') {
      const dict = call.call.arguments.positional[0]?.value;
      return dict?.kind === 'dict' && dict.entries.some((e) => VERSION_KEY.test(stringOf(e.key) ?? ''));
    }
    return false;
  });
}

function isTracked(path: StaticValue | null, tracked: readonly string[]): boolean {
  const key = artifactKey(path);
  if (!key) return false;
  return tracked.some((out) => {
    const clean = out.replace(/\/+$/, '');
    return (
      key === clean || key.startsWith(`${clean}/`) || key.endsWith(`/${clean}`) || key.includes(`/${clean}/`)
    );
  });
}

/** `mlflow.log_input(mlflow.data.from_pandas(df, source=...), context="training")` after the read. */
function logInputFix(facts: PythonFileFacts, read: DatasetReadFact, context: PythonRuleContext): Fix[] {
  const text = context.text(facts.uri);
  const source = read.call.arguments.positional[0]?.text;
  if (
    !text ||
    !read.target ||
    !/^[A-Za-z_]\w*$/.test(read.target) ||
    !read.api.startsWith('pandas.') ||
    !source
  )
    return [];
  const lines = new LineIndex(text);
  const indent = /^\s*/.exec(lines.lineText(read.statementRange.start.line))?.[0] ?? '';
  const after = { line: read.statementRange.end.line + 1, character: 0 };
  const edits = [
    {
      range: { start: after, end: after },
      newText: `${indent}mlflow.log_input(mlflow.data.from_pandas(${read.target}, source=str(${source})), context="training")${lines.eol}`,
    },
  ];
  if (!facts.imports.some((i) => i.module === 'mlflow' && i.names.length === 0 && i.moduleAlias === null)) {
    edits.push({
      range: { start: facts.importInsertPosition, end: facts.importInsertPosition },
      newText: `import mlflow${lines.eol}`,
    });
  }
  return [
    {
      title: 'Log the dataset and its digest to the MLflow run',
      changes: [{ uri: facts.uri, edits }],
      safe: false,
    },
  ];
}

/**
 * Training reads a dataset that nothing versions: neither DVC tracks the path nor does the run
 * log a digest or version, so nobody can tell which data produced the model.
 */
export const reproUnversionedData: PythonFileRule = {
  meta: { id: 'repro/unversioned-data', defaultSeverity: 'warning', title: 'Training data is not versioned' },
  target: 'python-file',
  check(facts, context) {
    if (facts.role !== 'training' && facts.role !== 'both') return [];
    if (logsDataVersion(facts.mlflow)) return [];
    const tracked = context.dvcTrackedPaths ?? [];
    const reports: Report[] = [];
    for (const dataset of facts.datasets) {
      // A path named by a constant imported from a shared module resolves through the index.
      const read = dataset.path
        ? { ...dataset, path: context.index.resolve(facts.uri, dataset.path) }
        : dataset;
      if (isTracked(read.path, tracked)) continue;
      if (read.api === 'open' && artifactKey(read.path) === null) continue;
      if (
        read.api.endsWith('load_dataset') &&
        read.call.arguments.keywords.some((k) => k.name === 'revision')
      )
        continue;
      const where = read.path ? artifactKey(read.path) : null;
      reports.push({
        range: read.call.range,
        message: `${read.call.calleeText}(${where ? `"${where}"` : '...'}) reads training data that is neither tracked by DVC nor logged with a digest to the run.`,
        fixes: logInputFix(facts, read, context),
      });
    }
    return reports;
  },
};
