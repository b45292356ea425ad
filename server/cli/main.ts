import { parseArgs } from 'node:util';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import packageJson from '../../package.json' with { type: 'json' };
import { SEVERITY_ORDER } from '../engine/types.ts';
import type { Severity } from '../engine/types.ts';
import { PYTHON_RULES } from '../python/rules/python-rules.ts';
import { ALL_RULES } from '../rules/registry.ts';

/** Every rule the CLI can report, for listings and SARIF rule metadata, sorted by id. */
const EVERY_RULE = [...ALL_RULES, ...PYTHON_RULES].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
import type { AnalyzeFilesJob } from './analyze-files.ts';
import type { CheckResult } from './check-result.ts';
import { runWorker, WORKER_MARKER, type WorkerExchange } from './parallel-check.ts';
import { formatJson } from './format-json.ts';
import { formatSarif } from './format-sarif.ts';
import { formatText } from './format-text.ts';
import { runCheck } from './run-check.ts';

const USAGE = `Usage: mlops-lens check [PATH...] [options]

Finds training-serving skew, unversioned preprocessing and wasted GPUs in Python code,
notebooks and Kubernetes / KServe / Kubeflow / Ray / compose manifests.

Options:
  --format text|json|sarif   output format (default: text)
  --fix                      apply safe fixes in place
  --fail-on LEVEL            error|warning|information|never: exit 1 when a finding is
                             at or above LEVEL (default: error)
  --config FILE              configuration file (default: nearest .mlops-lens.yaml)
  --version, --help

Other commands: mlops-lens rules (list rules), mlops-lens daemon (see --help there).
Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage or internal error.`;

class UsageError extends Error {}

function failLevel(value: string | undefined): Severity | 'never' {
  const level = value ?? 'error';
  if (level === 'never' || level === 'error' || level === 'warning' || level === 'information') return level;
  throw new UsageError(`--fail-on must be error, warning, information or never (got "${level}")`);
}

function exitCode(result: CheckResult, level: Severity | 'never'): number {
  if (level === 'never') return 0;
  const threshold = SEVERITY_ORDER[level];
  const severities = [...result.findings.map((f) => f.severity), ...result.notes.map((n) => n.severity)];
  return severities.some((s) => SEVERITY_ORDER[s] >= threshold) ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      fix: { type: 'boolean', default: false },
      'fail-on': { type: 'string' },
      config: { type: 'string' },
      version: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.version) {
    console.log(packageJson.version);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (values.help || command === undefined) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === 'rules') {
    for (const rule of EVERY_RULE)
      console.log(`${rule.meta.id.padEnd(34)} ${rule.meta.defaultSeverity.padEnd(12)} ${rule.meta.title}`);
    return 0;
  }
  if (command !== 'check') throw new UsageError(`unknown command "${command}"`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') {
    throw new UsageError(`--format must be text, json or sarif (got "${format}")`);
  }
  const level = failLevel(values['fail-on']);
  const result = await runCheck({
    paths: paths.length > 0 ? paths : ['.'],
    fix: values.fix,
    cwd: process.cwd(),
    workerEntry: new URL(import.meta.url),
    ...(values.config !== undefined ? { configFile: values.config } : {}),
  });
  const output =
    format === 'json'
      ? formatJson(result)
      : format === 'sarif'
        ? formatSarif(result, EVERY_RULE, packageJson.version)
        : formatText(result);
  process.stdout.write(output);
  return exitCode(result, level);
}

if (isMainThread) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    // Usage mistakes and internal errors both exit 2; the stack only on request.
    console.error(`mlops-lens: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) console.error('Run `mlops-lens --help` for usage.');
    else if (process.env.MLOPS_LENS_DEBUG && error instanceof Error) console.error(error.stack);
    process.exitCode = 2;
  }
} else {
  const data = workerData as
    { marker?: string; job?: AnalyzeFilesJob; exchange?: WorkerExchange } | undefined;
  if (data?.marker === WORKER_MARKER && data.job)
    parentPort?.postMessage(await runWorker(data.job, data.exchange ?? {}));
}
