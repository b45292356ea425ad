/**
 * The daemon's client commands: `runs`, `models`, `lineage`, `drift`, `deploy`, `ab`, `recommend` and `scorecard`. Each finds the running daemon
 * of a data directory, calls it, and prints a table or JSON. Failures print one clear message
 * and exit 1 or 2 (see cli-failure.ts).
 */
import type { ParseArgsOptionsConfig } from 'node:util';
import type { ProcessOutput } from '../process/run-daemon.ts';
import { AB_OPTIONS, abCreate, abResults, abShow } from './ab-command.ts';
import { parseCommand } from './cli-args.ts';
import { CliFailure, usageFailure } from './cli-failure.ts';
import type { CliCommand } from './command-result.ts';
import { DaemonClient } from './daemon-client.ts';
import { DRIFT_BASELINE_OPTIONS, driftBaseline } from './drift-baseline-command.ts';
import { DEPLOY_OPTIONS, deployApply, deployPlan, deployRollback, deployStatus } from './deploy-command.ts';
import { lineage } from './lineage-command.ts';
import { RECOMMEND_OPTIONS, recommend } from './recommend-command.ts';
import { SCORECARD_OPTIONS, scorecard } from './scorecard-command.ts';
import {
  MODELS_OPTIONS,
  modelsList,
  modelsPromote,
  modelsRollback,
  modelsVersions,
} from './models-command.ts';
import { RUNS_OPTIONS, runsList, runsShow } from './runs-command.ts';
import { modelsTag } from './models-tag-command.ts';
import { RETIRE_OPTIONS, modelsRetire } from './models-retire-command.ts';

export const DAEMON_CLI_USAGE = `Usage:
  mlops-lens runs list [--experiment NAME|ID] [--filter EXPR] [--order-by EXPR]... [--max N] [--metrics K1,K2]
  mlops-lens runs show <run-id or unique prefix>
  mlops-lens models list
  mlops-lens models versions <model>
  mlops-lens models promote <model> <version> --alias ALIAS
  mlops-lens models rollback <model> --alias ALIAS
  mlops-lens models tag <model>@<version|alias> KEY=VALUE...
  mlops-lens models retire --days N [--model NAME] [--apply]
  mlops-lens lineage <model>@<version|alias>
  mlops-lens drift baseline <model>@<version|alias> [--dataset NAME | --artifact PATH] [--prediction-column C]
  mlops-lens deploy plan <model>@<version|alias> --context C --namespace NS [--strategy direct|canary|shadow|blue-green]
      [--runtime kserve|deployment]
      [--image REPO@sha256:…] [--service NAME] [--replicas N] [--gateway NAME] [--metric NAME] [--business-metric NAME] [--confirm C]
  mlops-lens deploy apply <model>@<version|alias> … (as plan) [--dwell SECONDS] [--force] [--detach]
  mlops-lens deploy status [<deployment-id>] [--model NAME]
  mlops-lens deploy rollback <deployment-id>
  mlops-lens ab create <name> --metric NAME --baseline X --mde X [--kind proportion|mean] [--sd X]
      [--arms control:1,treatment:1[:VERSION]] [--direction higher|lower] [--alpha A] [--power P] [--model NAME] [--salt S]
  mlops-lens ab show <name>
  mlops-lens ab results <name>
  mlops-lens recommend <model>@<version|alias> [--min-labels N] [--budget X]
  mlops-lens scorecard <model>@<version|alias> [--format table|json] [--fail-under SCORE]

Every command takes:
  --data-dir DIR   the daemon's data directory (default: as \`mlops-lens daemon\`)
  --json           print JSON instead of a table

--filter uses MLflow's search grammar, e.g. "metrics.auc > 0.9 and params.model = 'xgb'".
drift baseline records the version's drift baseline and data schema from the data its training
run logged (a dataset of the run, or an artifact by its path). promote points ALIAS at the version; rollback points it back at the version it had before
its latest move (every move is in the registry's audit log).

Exit codes: 0 done; 1 the daemon refused (unknown run, model, version or alias, nothing to
roll back to, a deploy gate failed, a deployment rolled back or failed, a scorecard under its
--fail-under score); 2 usage error, no
daemon running, token refused, or internal error. \`deploy apply\` waits for the outcome unless
--detach.`;

interface Subcommand {
  run: CliCommand;
  options: ParseArgsOptionsConfig;
}

const COMMANDS: Record<string, Record<string, Subcommand>> = {
  runs: {
    list: { run: runsList, options: RUNS_OPTIONS },
    show: { run: runsShow, options: {} },
  },
  models: {
    list: { run: modelsList, options: {} },
    versions: { run: modelsVersions, options: {} },
    promote: { run: modelsPromote, options: MODELS_OPTIONS },
    rollback: { run: modelsRollback, options: MODELS_OPTIONS },
    tag: { run: modelsTag, options: {} },
    retire: { run: modelsRetire, options: RETIRE_OPTIONS },
  },
  lineage: { '': { run: lineage, options: {} } },
  drift: { baseline: { run: driftBaseline, options: DRIFT_BASELINE_OPTIONS } },
  recommend: { '': { run: recommend, options: RECOMMEND_OPTIONS } },
  scorecard: { '': { run: scorecard, options: SCORECARD_OPTIONS } },
  deploy: {
    plan: { run: deployPlan, options: DEPLOY_OPTIONS },
    apply: { run: deployApply, options: DEPLOY_OPTIONS },
    status: { run: deployStatus, options: DEPLOY_OPTIONS },
    rollback: { run: deployRollback, options: {} },
  },
  ab: {
    create: { run: abCreate, options: AB_OPTIONS },
    show: { run: abShow, options: {} },
    results: { run: abResults, options: {} },
  },
};

/** Runs `mlops-lens <command> ...args` and resolves with the exit code. */
export async function runDaemonCli(
  command: string,
  args: readonly string[],
  output: ProcessOutput,
): Promise<number> {
  const prefix = `mlops-lens ${command}`;
  try {
    const subcommands = COMMANDS[command];
    if (subcommands === undefined) throw usageFailure(`unknown command '${command}'`);
    const hasSubcommands = !('' in subcommands);
    const name = hasSubcommands ? (args[0] ?? '') : '';
    if (hasSubcommands && (name === '--help' || name === '-h')) {
      output.out(DAEMON_CLI_USAGE);
      return 0;
    }
    if (hasSubcommands && (name === '' || name.startsWith('-')))
      throw usageFailure(`missing subcommand: ${Object.keys(subcommands).join(', ')}`);
    const subcommand = subcommands[name];
    if (subcommand === undefined) throw usageFailure(`unknown subcommand '${name}'`);
    const parsed = parseCommand(hasSubcommands ? args.slice(1) : args, subcommand.options);
    if (parsed.help) {
      output.out(DAEMON_CLI_USAGE);
      return 0;
    }
    const client = new DaemonClient(parsed.dataDir);
    const result = await subcommand.run(parsed, client);
    if (result.stdout !== '') output.out(result.stdout);
    if (result.stderr !== undefined) output.err(result.stderr);
    return result.exitCode ?? 0;
  } catch (error) {
    if (error instanceof CliFailure) {
      output.err(`${prefix}: ${error.message}`);
      if (error.showUsage) output.err(`\n${DAEMON_CLI_USAGE}`);
      return error.exitCode;
    }
    const detail = error instanceof Error ? error.message : String(error);
    output.err(`${prefix}: unexpected failure: ${detail}`);
    if (process.env.MLOPS_LENS_DEBUG && error instanceof Error && error.stack) output.err(error.stack);
    return 2;
  }
}
