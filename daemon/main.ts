/**
 * Entry point of the daemon bundle. `bin/mlops-lens.js` sends `daemon`, `runs`, `models`,
 * `lineage`, `deploy`, `ab`, `recommend` and `scorecard` here; the subcommand is the first argument.
 */
import { runDaemonCli } from './cli/daemon-cli.ts';
import { DAEMON_USAGE, parseDaemonOptions, UsageError } from './process/daemon-options.ts';
import type { ProcessOutput } from './process/run-daemon.ts';

const output: ProcessOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'daemon': {
      const options = parseDaemonOptions(args);
      if (options.help) {
        output.out(DAEMON_USAGE);
        return 0;
      }
      // Loaded on demand: the client commands need neither the HTTP server nor SQLite.
      const { runDaemon } = await import('./process/run-daemon.ts');
      return runDaemon(options, output);
    }
    case 'runs':
    case 'models':
    case 'lineage':
    case 'drift':
    case 'deploy':
    case 'ab':
    case 'recommend':
    case 'scorecard':
      return runDaemonCli(command, args, output);
    default:
      output.err(`mlops-lens: unknown daemon command '${command ?? ''}'.\n\n${DAEMON_USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      output.err(`mlops-lens daemon: ${error.message}\n\n${DAEMON_USAGE}`);
      process.exitCode = 2;
      return;
    }
    output.err(
      `mlops-lens daemon: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  },
);
