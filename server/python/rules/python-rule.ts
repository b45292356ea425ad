/**
 * The contract of the Python rules (skew/*, serve/*, repro/*): one rule per file, like the
 * manifest rules in `server/rules/`. File rules see one file's facts; pair rules see a training
 * file and a serving file that the workspace index paired. Ranges in a notebook's facts are in
 * its virtual module; the caller maps them to cells with `notebook/cell-map.ts`.
 */
import type { Report, RuleMeta } from '../../engine/types.ts';
import type { ExperimentConfigFile } from '../../experiments/experiment-config-file.ts';
import type { PythonFileFacts } from '../facts/file-facts.ts';
import type { TrainingServingPair } from '../workspace/training-serving-pair.ts';
import type { PythonWorkspaceIndex } from '../workspace/workspace-index.ts';

export interface PythonRuleContext {
  readonly index: PythonWorkspaceIndex;
  /** The current text of a workspace file, for fixes that copy or move source. */
  text(uri: string): string | undefined;
  /**
   * Workspace-relative paths that DVC tracks (outs of `*.dvc` files and `dvc.yaml` stages),
   * read by the caller. Absent when the workspace does not use DVC.
   */
  readonly dvcTrackedPaths?: readonly string[];
}

export interface PythonFileRule {
  readonly meta: RuleMeta;
  readonly target: 'python-file';
  check(facts: PythonFileFacts, context: PythonRuleContext): Report[];
  /**
   * A rule about experiments that also judges their YAML or JSON configuration
   * (`ab/no-sample-size`); the analyzer calls it for files `isExperimentConfigName` accepts.
   */
  checkExperimentConfig?(file: ExperimentConfigFile): Report[];
}

export interface PythonPairRule {
  readonly meta: RuleMeta;
  readonly target: 'python-pair';
  check(pair: TrainingServingPair, context: PythonRuleContext): Report[];
}

export type PythonRule = PythonFileRule | PythonPairRule;
