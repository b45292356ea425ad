import type { Fix, TextEdit } from '../../engine/types.ts';
import type { PythonFileFacts } from '../facts/file-facts.ts';
import type { StepMetricLogFact } from '../facts/search-logging.ts';

/**
 * Moves every metric logging call of one training loop out of it, into one `log_metrics` call
 * after the loop that logs the last values once. A block left empty gets `pass`. Null when the
 * calls' arguments are not plain positional or keyword metrics.
 */
export function summaryMetricsFix(facts: PythonFileFacts, logs: readonly StepMetricLogFact[]): Fix | null {
  const first = logs[0];
  if (!first) return null;
  const entries: string[] = [];
  for (const log of logs) {
    const entry = metricEntries(log);
    if (!entry) return null;
    entries.push(...entry);
  }
  const callee = summaryCallee(facts, first.call.calleeText);
  if (!callee) return null;
  const edits: TextEdit[] = [];
  const removedPerBlock = new Map<string, number>();
  for (const log of logs) {
    const block = `${log.block.start.line}:${log.block.start.character}`;
    removedPerBlock.set(block, (removedPerBlock.get(block) ?? 0) + 1);
  }
  const emptied = new Set<string>();
  for (const log of logs) {
    const block = `${log.block.start.line}:${log.block.start.character}`;
    if ((removedPerBlock.get(block) ?? 0) === log.block.statements && !emptied.has(block)) {
      emptied.add(block);
      edits.push({ range: log.call.range, newText: 'pass' });
    } else edits.push({ range: log.statementLines, newText: '' });
  }
  edits.push({
    range: { start: first.loop.after, end: first.loop.after },
    newText: `\n${first.loop.indent}${callee}({${entries.join(', ')}})`,
  });
  return {
    title: `Log ${entries.length === 1 ? 'the metric' : 'the metrics'} once after the loop with ${callee}`,
    changes: [{ uri: facts.uri, edits }],
    safe: false,
  };
}

/** `"loss": loss` for `log_metric("loss", loss, step=i)`; the entries of a `log_metrics({...})` dict. */
function metricEntries(log: StepMetricLogFact): string[] | null {
  const args = log.call.arguments;
  const named = (name: string) => args.keywords.find((k) => k.name === name)?.text;
  if (log.call.callee === 'mlflow.log_metric') {
    const key = args.positional[0]?.text ?? named('key');
    const value = args.positional[1]?.text ?? named('value');
    return key && value ? [`${key}: ${value}`] : null;
  }
  const metrics = args.positional[0]?.text ?? named('metrics');
  if (!metrics) return null;
  if (metrics.startsWith('{') && metrics.endsWith('}')) {
    const inner = metrics.slice(1, -1).trim().replace(/,$/, '');
    return inner ? [inner] : null;
  }
  return [`**${metrics}`];
}

/** `mlflow.log_metrics` as this file reaches it (`mlflow.log_metric` → `mlflow.log_metrics`). */
function summaryCallee(facts: PythonFileFacts, calleeText: string): string | null {
  const dot = calleeText.lastIndexOf('.');
  if (dot !== -1) return `${calleeText.slice(0, dot)}.log_metrics`;
  const imported = facts.imports.some(
    (i) => i.module === 'mlflow' && i.names.some((n) => n.name === 'log_metrics' && n.alias === null),
  );
  return imported ? 'log_metrics' : null;
}
