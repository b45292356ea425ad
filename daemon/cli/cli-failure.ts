/**
 * How a daemon CLI command fails. Exit codes follow `mlops-lens check`: 0 success; 1 the daemon
 * answered but refused what was asked (an unknown run, model, version or alias, nothing to
 * roll back to); 2 a usage mistake, no daemon to talk to, a refused token or an internal error.
 */
export type FailureExitCode = 1 | 2;

export class CliFailure extends Error {
  readonly exitCode: FailureExitCode;
  /** A usage mistake: the command's usage is printed after the message. */
  readonly showUsage: boolean;

  constructor(message: string, exitCode: FailureExitCode, showUsage = false) {
    super(message);
    this.name = 'CliFailure';
    this.exitCode = exitCode;
    this.showUsage = showUsage;
  }
}

export function usageFailure(message: string): CliFailure {
  return new CliFailure(message, 2, true);
}
