/**
 * Which change event each MLflow write publishes, read from the request and its (committed)
 * result. Reads publish nothing.
 */
import type { ModelVersion, RunInfo } from '../../api/contract.ts';
import type { ModelRegistry } from '../../store/model-registry.ts';
import { provenanceBadge } from '../../store/model-metadata-document.ts';
import type { RequestFields } from '../mlflow/request-fields.ts';
import type { ChangeFeed } from './change-feed.ts';

/** Run writes that change what a run shows but are neither its creation nor its metrics. */
const RUN_EDITS = new Set([
  'runs/delete',
  'runs/restore',
  'runs/set-tag',
  'runs/delete-tag',
  'runs/log-parameter',
  'runs/log-inputs',
  'runs/log-model',
]);

const EXPERIMENT_EDITS = new Set([
  'experiments/update',
  'experiments/delete',
  'experiments/restore',
  'experiments/set-experiment-tag',
]);

/** Registry writes without an event of their own; `model-versions/…` ones name the version. */
const MODEL_EDITS = new Set([
  'registered-models/create',
  'registered-models/update',
  'registered-models/delete',
  'registered-models/set-tag',
  'registered-models/delete-tag',
  'model-versions/update',
  'model-versions/delete',
  'model-versions/set-tag',
  'model-versions/delete-tag',
]);

export type ChangePublisher = (method: string, path: string, fields: RequestFields, result: unknown) => void;

export function mlflowChangePublisher(feed: ChangeFeed, registry: ModelRegistry): ChangePublisher {
  return (method, path, fields, result) => {
    if (method === 'GET') return;
    if (RUN_EDITS.has(path)) {
      feed.publish({ type: 'run_updated', run_id: fields.runId() });
      return;
    }
    if (EXPERIMENT_EDITS.has(path)) {
      feed.publish({ type: 'experiment_changed', experiment_id: fields.string('experiment_id') });
      return;
    }
    if (MODEL_EDITS.has(path)) {
      const name = fields.string('name');
      feed.publish(
        path.startsWith('model-versions/')
          ? { type: 'model_updated', name, version: fields.id('version') }
          : { type: 'model_updated', name },
      );
      return;
    }
    switch (path) {
      case 'experiments/create':
        feed.publish({
          type: 'experiment_changed',
          experiment_id: (result as { experiment_id: string }).experiment_id,
        });
        return;
      case 'registered-models/rename':
        feed.publish({ type: 'model_updated', name: fields.string('name') });
        feed.publish({ type: 'model_updated', name: fields.string('new_name') });
        return;
      case 'runs/create': {
        const { info } = (result as { run: { info: RunInfo } }).run;
        feed.publish({ type: 'run_created', run_id: info.run_id, experiment_id: info.experiment_id });
        return;
      }
      case 'runs/update': {
        const info = (result as { run_info: RunInfo }).run_info;
        feed.publish({ type: 'run_updated', run_id: info.run_id, status: info.status });
        return;
      }
      case 'runs/log-metric':
        feed.metricsLogged(fields.runId(), [fields.string('key')], 1);
        return;
      case 'runs/log-batch': {
        const metrics = (fields.raw('metrics') as { key?: unknown }[] | undefined) ?? [];
        const keys = [...new Set(metrics.map((m) => String(m.key)))];
        feed.metricsLogged(fields.runId(), keys, metrics.length);
        const params = fields.raw('params') as unknown[] | undefined;
        const tags = fields.raw('tags') as unknown[] | undefined;
        if ((params?.length ?? 0) + (tags?.length ?? 0) > 0)
          feed.publish({ type: 'run_updated', run_id: fields.runId() });
        return;
      }
      case 'model-versions/create': {
        const version = (result as { model_version: ModelVersion }).model_version;
        feed.publish({
          type: 'model_version_created',
          name: version.name,
          version: version.version,
          provenance: provenanceBadge(registry.versionProvenance(version.name, version.version)),
        });
        return;
      }
      case 'model-versions/transition-stage': {
        const version = (result as { model_version: ModelVersion }).model_version;
        feed.publish({
          type: 'stage_changed',
          name: version.name,
          version: version.version,
          stage: version.current_stage,
        });
        // Versions archived on the way changed stage too: the model's rows need a reload.
        if (fields.optionalBoolean('archive_existing_versions') === true)
          feed.publish({ type: 'model_updated', name: version.name });
        return;
      }
      case 'registered-models/alias': {
        const change = {
          type: 'alias_changed' as const,
          name: fields.string('name'),
          alias: fields.string('alias'),
        };
        feed.publish(method === 'DELETE' ? change : { ...change, version: fields.id('version') });
        return;
      }
    }
  };
}
