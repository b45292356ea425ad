/**
 * What the Runs view shows: experiments, then their runs, fetched from the daemon and kept as
 * stable node objects (one per experiment id and per run id, for as long as it is listed). A
 * refresh fetches again and says what changed on screen, so the view re-renders only those
 * nodes, or nothing: re-rendering unchanged rows would drop the user's selection.
 * No `vscode` import at run time, so it is unit tested.
 */
import { MLFLOW_API_PREFIX } from '../../daemon/api/contract.ts';
import type {
  Experiment,
  Run,
  SearchExperimentsResponse,
  SearchRunsResponse,
} from '../../daemon/api/contract.ts';

export interface ExperimentNode {
  readonly kind: 'experiment';
  /** The latest fetched data; the node itself stays the same object. */
  experiment: Experiment;
}

export interface RunNode {
  readonly kind: 'run';
  run: Run;
}

export interface MessageNode {
  readonly kind: 'message';
  readonly text: string;
}

export type RunsNode = ExperimentNode | RunNode | MessageNode;

/** How the view asks the daemon (`DaemonConnection.request`). */
export type DaemonRequest = <T>(method: 'GET' | 'POST', pathAndQuery: string, body?: unknown) => Promise<T>;

export interface RunsTreeChanges {
  /** The top level changed (experiments added, removed, renamed or reordered): re-read it all. */
  readonly root: boolean;
  /** Otherwise, the nodes to re-render: experiments whose run list changed, runs whose row changed. */
  readonly nodes: readonly RunsNode[];
}

const NO_EXPERIMENTS_TEXT = 'No experiments yet: set MLFLOW_TRACKING_URI and run a training script.';
const MAX_EXPERIMENTS = 200;
const MAX_RUNS = 100;

/** What a run's row and tooltip show; tags, inputs and end time are not on screen. */
function runView(run: Run): string {
  const { info, data } = run;
  return JSON.stringify([info.run_name, info.status, info.start_time, data.metrics, data.params]);
}

function rootView(experiments: readonly Experiment[]): string {
  return JSON.stringify(experiments.map((e) => [e.experiment_id, e.name]));
}

export class RunsTreeCache {
  readonly #request: DaemonRequest;
  /** The top level as last shown, or undefined before it was first read. */
  #root: RunsNode[] | undefined;
  #rootView = '';
  readonly #experiments = new Map<string, ExperimentNode>();
  /** The runs of each experiment whose children were read, in order. */
  readonly #runs = new Map<string, RunNode[]>();
  readonly #runNodes = new Map<string, RunNode>();
  readonly #empty: MessageNode = { kind: 'message', text: NO_EXPERIMENTS_TEXT };

  constructor(request: DaemonRequest) {
    this.#request = request;
  }

  /** The top level, fetched the first time. */
  async rootNodes(): Promise<RunsNode[]> {
    this.#root ??= this.#setRoot(await this.#fetchExperiments());
    return this.#root;
  }

  /** An experiment's runs, fetched the first time. */
  async runNodes(node: ExperimentNode): Promise<RunNode[]> {
    const id = node.experiment.experiment_id;
    let nodes = this.#runs.get(id);
    if (nodes === undefined) {
      nodes = this.#nodesFor(await this.#fetchRuns(id));
      this.#runs.set(id, nodes);
    }
    return nodes;
  }

  /** Forgets everything (the daemon went away); the next read fetches again. */
  clear(): void {
    this.#root = undefined;
    this.#rootView = '';
    this.#experiments.clear();
    this.#runs.clear();
    this.#runNodes.clear();
  }

  /** Fetches what was read before again and tells what changed on screen. */
  async refresh(): Promise<RunsTreeChanges> {
    if (this.#root === undefined) return { root: false, nodes: [] };
    const experiments = await this.#fetchExperiments();
    const root = rootView(experiments) !== this.#rootView;
    if (root) this.#setRoot(experiments);
    else for (const e of experiments) this.#experimentNode(e);
    const listed = new Set(experiments.map((e) => e.experiment_id));
    const changed: RunsNode[] = [];
    for (const [id, before] of [...this.#runs]) {
      if (!listed.has(id)) {
        this.#forgetRuns(id);
        continue;
      }
      const runs = await this.#fetchRuns(id);
      const sameRows =
        runs.length === before.length &&
        runs.every((run, i) => run.info.run_id === before[i]?.run.info.run_id);
      if (sameRows) {
        runs.forEach((run, i) => {
          const node = before[i] as RunNode;
          if (runView(run) !== runView(node.run)) changed.push(node);
          node.run = run;
        });
      } else {
        this.#runs.set(id, this.#nodesFor(runs, before));
        const node = this.#experiments.get(id);
        if (node !== undefined) changed.push(node);
      }
    }
    return root ? { root: true, nodes: [] } : { root: false, nodes: changed };
  }

  #setRoot(experiments: Experiment[]): RunsNode[] {
    this.#rootView = rootView(experiments);
    const nodes = experiments.map((e) => this.#experimentNode(e));
    const listed = new Set(experiments.map((e) => e.experiment_id));
    for (const id of [...this.#experiments.keys()]) {
      if (listed.has(id)) continue;
      this.#experiments.delete(id);
      this.#forgetRuns(id);
    }
    this.#root = nodes.length > 0 ? nodes : [this.#empty];
    return this.#root;
  }

  #experimentNode(experiment: Experiment): ExperimentNode {
    const node = this.#experiments.get(experiment.experiment_id);
    if (node !== undefined) {
      node.experiment = experiment;
      return node;
    }
    const created: ExperimentNode = { kind: 'experiment', experiment };
    this.#experiments.set(experiment.experiment_id, created);
    return created;
  }

  /** Nodes for `runs`, reusing the node of each run already shown. */
  #nodesFor(runs: Run[], before: readonly RunNode[] = []): RunNode[] {
    const kept = new Set(runs.map((r) => r.info.run_id));
    for (const old of before) if (!kept.has(old.run.info.run_id)) this.#runNodes.delete(old.run.info.run_id);
    return runs.map((run) => {
      const node = this.#runNodes.get(run.info.run_id);
      if (node !== undefined) {
        node.run = run;
        return node;
      }
      const created: RunNode = { kind: 'run', run };
      this.#runNodes.set(run.info.run_id, created);
      return created;
    });
  }

  #forgetRuns(experimentId: string): void {
    for (const node of this.#runs.get(experimentId) ?? []) this.#runNodes.delete(node.run.info.run_id);
    this.#runs.delete(experimentId);
  }

  async #fetchExperiments(): Promise<Experiment[]> {
    const { experiments = [] } = await this.#request<SearchExperimentsResponse>(
      'POST',
      `${MLFLOW_API_PREFIX}/experiments/search`,
      { max_results: MAX_EXPERIMENTS, order_by: ['last_update_time DESC'] },
    );
    return experiments;
  }

  async #fetchRuns(experimentId: string): Promise<Run[]> {
    const { runs = [] } = await this.#request<SearchRunsResponse>(
      'POST',
      `${MLFLOW_API_PREFIX}/runs/search`,
      {
        experiment_ids: [experimentId],
        max_results: MAX_RUNS,
        order_by: ['attributes.start_time DESC'],
      },
    );
    return runs;
  }
}
