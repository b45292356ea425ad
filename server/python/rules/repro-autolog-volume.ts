import type { Report, TextEdit } from '../../engine/types.ts';
import type { MlflowFact, PythonFileFacts } from '../facts/file-facts.ts';
import type { SearchFact, StepMetricLogFact } from '../facts/search-logging.ts';
import type { PythonFileRule } from './python-rule.ts';
import { summaryMetricsFix } from './summary-metrics-move.ts';

/** Autolog flavors that log metrics every epoch or boosting iteration, and their per-step options. */
const STEP_OPTIONS: Readonly<Record<string, readonly { name: string; summary: string }[]>> = {
  pytorch: [{ name: 'log_every_n_step', summary: 'None' }],
  tensorflow: [
    { name: 'log_every_n_steps', summary: 'None' },
    { name: 'log_every_epoch', summary: 'True' },
  ],
  keras: [
    { name: 'log_every_n_steps', summary: 'None' },
    { name: 'log_every_epoch', summary: 'True' },
  ],
  xgboost: [],
  lightgbm: [],
};
/** Libraries whose training `mlflow.autolog()` logs per epoch or per iteration. */
const STEP_LIBRARIES = /^(tensorflow|keras|torch|pytorch_lightning|lightning|xgboost|lightgbm)(\.|$)/;

/**
 * A hyper-parameter search that logs every step of every candidate: autolog with per-step
 * metrics and a model per run, or `log_metric` inside the training loop of each trial. The
 * tracking store fills with points nobody compares, and the runs list slows to a crawl.
 */
export const reproAutologVolume: PythonFileRule = {
  meta: {
    id: 'repro/autolog-volume',
    defaultSeverity: 'information',
    title: 'Per-step logging in a hyper-parameter search',
  },
  target: 'python-file',
  check(facts) {
    if (facts.role === 'serving') return [];
    const search = facts.searchLogging.searches[0];
    const reports: Report[] = [];
    if (search) for (const call of facts.mlflow) reports.push(...autologReport(facts, call, search));
    const byLoop = new Map<string, StepMetricLogFact[]>();
    for (const log of facts.searchLogging.stepMetricLogs) {
      const key = `${log.loop.range.start.line}:${log.loop.range.start.character}`;
      byLoop.set(key, [...(byLoop.get(key) ?? []), log]);
    }
    for (const logs of byLoop.values()) {
      const fix = summaryMetricsFix(facts, logs);
      for (const log of logs)
        reports.push({
          range: log.call.range,
          message: `${log.call.calleeText}() runs every step of the training loop for each candidate of \`${log.search.text}\`: log a summary once after the loop${fix ? '' : ' (no automatic fix: the metric arguments are not plain)'}.`,
          fixes: fix ? [fix] : [],
        });
    }
    return reports;
  },
};

function autologReport(facts: PythonFileFacts, call: MlflowFact, search: SearchFact): Report[] {
  if (call.api !== 'autolog') return [];
  const flavor = call.flavor ?? (facts.imports.some((i) => STEP_LIBRARIES.test(i.module)) ? '' : null);
  if (flavor === null || (flavor !== '' && !(flavor in STEP_OPTIONS))) return [];
  const args = call.call.arguments;
  const keyword = (name: string) => args.keywords.find((k) => k.name === name);
  const edits: TextEdit[] = [];
  const perStep: string[] = [];
  for (const option of STEP_OPTIONS[flavor] ?? []) {
    const written = keyword(option.name);
    if (!written || written.text === option.summary) continue;
    perStep.push(`${option.name}=${written.text}`);
    edits.push({ range: written.range, newText: option.summary });
  }
  const logModels = keyword('log_models');
  const modelsOn = !(logModels?.value.kind === 'boolean' && !logModels.value.value);
  if (modelsOn) {
    if (logModels) edits.push({ range: logModels.range, newText: 'False' });
    else
      edits.push({
        range: { start: args.insertPosition, end: args.insertPosition },
        newText: `${args.needsComma ? ', ' : ''}log_models=False`,
      });
  }
  if (edits.length === 0) return [];
  const what = [
    perStep.length > 0
      ? `metrics every few steps (${perStep.join(', ')})`
      : 'metrics every epoch or iteration',
    modelsOn ? 'a model' : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return [
    {
      range: call.call.range,
      message: `${call.call.calleeText}() logs ${what} for every candidate of \`${search.text}\`; keep summaries only.`,
      fixes: [
        {
          title: perStep.length > 0 ? 'Log per epoch, without models' : 'Set log_models=False',
          changes: [{ uri: facts.uri, edits }],
          safe: false,
        },
      ],
    },
  ];
}
