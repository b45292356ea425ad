/**
 * What the Runs view shows: experiments, then their runs, fetched from the daemon and kept as
 * stable nodes that a refresh re-renders only where they changed (see two-level-tree-cache.ts).
 * No `vscode` import at run time, so it is unit tested.
 */
import { MLFLOW_API_PREFIX, NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type { TrainingRunCost, TrainingRunCostsResponse } from '../../daemon/api/cost-contract.ts';
import { runCostDescription } from './run-cost-text.ts';
import { TwoLevelTreeCache, type TreeChanges } from './two-level-tree-cache.ts';
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
  /** Its GPU-hours and estimated cost; undefined when the daemon could not price it. */
  cost?: TrainingRunCost;
}

/** A run as fetched, with its cost. */
interface PricedRun {
  run: Run;
  cost?: TrainingRunCost;
}

export interface MessageNode {
  readonly kind: 'message';
  readonly text: string;
}

export type RunsNode = ExperimentNode | RunNode | MessageNode;

/** How the view asks the daemon (`DaemonConnection.request`). */
export type DaemonRequest = <T>(method: 'GET' | 'POST', pathAndQuery: string, body?: unknown) => Promise<T>;

export type RunsTreeChanges = TreeChanges<ExperimentNode | RunNode>;

const NO_EXPERIMENTS_TEXT = 'No experiments yet: set MLFLOW_TRACKING_URI and run a training script.';
const MAX_EXPERIMENTS = 200;
const MAX_RUNS = 100;

/** What a run's row and tooltip show; tags, inputs and end time are not on screen (the cost is, to the cent). */
function runView({ run, cost }: PricedRun): string {
  const { info, data } = run;
  return JSON.stringify([
    info.run_name,
    info.status,
    info.start_time,
    data.metrics,
    data.params,
    runCostDescription(cost) ?? cost?.gpu_count ?? null,
  ]);
}

/** The runs with their GPU cost; without it (a daemon that cannot price them), the runs alone. */
async function priced(request: DaemonRequest, runs: Run[]): Promise<PricedRun[]> {
  if (runs.length === 0) return [];
  const query = runs.map((run) => `run_id=${encodeURIComponent(run.info.run_id)}`).join('&');
  const costs = await request<TrainingRunCostsResponse>(
    'GET',
    `${NATIVE_API_PREFIX}/cost/runs?${query}`,
  ).then(
    (reply) => new Map(reply.runs.map((cost) => [cost.run_id, cost])),
    () => new Map<string, TrainingRunCost>(),
  );
  return runs.map((run) => {
    const cost = costs.get(run.info.run_id);
    return cost === undefined ? { run } : { run, cost };
  });
}

export class RunsTreeCache extends TwoLevelTreeCache<
  Experiment,
  ExperimentNode,
  PricedRun,
  RunNode,
  MessageNode
> {
  constructor(request: DaemonRequest) {
    super({
      parents: {
        fetch: async () => {
          const { experiments = [] } = await request<SearchExperimentsResponse>(
            'POST',
            `${MLFLOW_API_PREFIX}/experiments/search`,
            { max_results: MAX_EXPERIMENTS, order_by: ['last_update_time DESC'] },
          );
          return experiments;
        },
        key: (experiment) => experiment.experiment_id,
        view: (experiment) => experiment.name,
        node: (experiment) => ({ kind: 'experiment', experiment }),
        item: (node) => node.experiment,
        update: (node, experiment) => (node.experiment = experiment),
      },
      children: {
        fetch: async (experiment) => {
          const { runs = [] } = await request<SearchRunsResponse>(
            'POST',
            `${MLFLOW_API_PREFIX}/runs/search`,
            {
              experiment_ids: [experiment.experiment_id],
              max_results: MAX_RUNS,
              order_by: ['attributes.start_time DESC'],
            },
          );
          return priced(request, runs);
        },
        key: ({ run }) => run.info.run_id,
        view: runView,
        node: ({ run, cost }) => (cost === undefined ? { kind: 'run', run } : { kind: 'run', run, cost }),
        item: (node) => (node.cost === undefined ? { run: node.run } : { run: node.run, cost: node.cost }),
        update: (node, { run, cost }) => {
          node.run = run;
          if (cost === undefined) delete node.cost;
          else node.cost = cost;
        },
      },
      empty: { kind: 'message', text: NO_EXPERIMENTS_TEXT },
    });
  }

  /** An experiment's runs, fetched the first time. */
  runNodes(node: ExperimentNode): Promise<RunNode[]> {
    return this.childNodes(node);
  }
}
