/** MLflow runs endpoints and metric history. */
import type { RunStatus, ViewType } from '../../api/contract.ts';
import type { TrackingStore } from '../../store/tracking-store.ts';
import { decodeDatasetInputs, decodeKeyValues, decodeMetrics } from './entity-lists.ts';
import { withPageToken, type MlflowRoute } from './mlflow-route.ts';

const RUN_STATUSES: readonly RunStatus[] = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];
const VIEW_TYPES: readonly ViewType[] = ['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'];

export function runRoutes(store: TrackingStore): MlflowRoute[] {
  const done = (): Record<string, never> => ({});
  return [
    {
      methods: ['POST'],
      path: 'runs/create',
      handle: (f) => ({
        run: store.createRun({
          experimentId: f.optionalString('experiment_id') ?? '0',
          userId: f.optionalString('user_id'),
          runName: f.optionalString('run_name'),
          startTime: f.optionalInt64('start_time'),
          tags: decodeKeyValues('tags', f.raw('tags')),
        }),
      }),
    },
    { methods: ['GET'], path: 'runs/get', handle: (f) => ({ run: store.getRun(f.runId()) }) },
    {
      methods: ['POST'],
      path: 'runs/update',
      handle: (f) => ({
        run_info: store.updateRun(f.runId(), {
          status: f.optionalEnum('status', RUN_STATUSES),
          endTime: f.optionalInt64('end_time'),
          runName: f.optionalString('run_name'),
        }),
      }),
    },
    {
      methods: ['POST'],
      path: 'runs/delete',
      handle: (f) => {
        store.deleteRun(f.runId());
        return done();
      },
    },
    {
      methods: ['POST'],
      path: 'runs/restore',
      handle: (f) => {
        store.restoreRun(f.runId());
        return done();
      },
    },
    {
      methods: ['POST'],
      path: 'runs/search',
      handle: (f) => {
        const result = store.searchRuns({
          experimentIds: f.stringList('experiment_ids'),
          filter: f.optionalString('filter'),
          runViewType: f.optionalEnum('run_view_type', VIEW_TYPES),
          maxResults: f.optionalInt64('max_results'),
          orderBy: f.stringList('order_by'),
          pageToken: f.optionalString('page_token'),
        });
        return withPageToken({ runs: result.runs }, result.next_page_token);
      },
    },
    {
      methods: ['POST'],
      path: 'runs/log-metric',
      handle: (f) => {
        store.logMetric(f.runId(), {
          key: f.string('key'),
          value: f.double('value'),
          timestamp: f.int64('timestamp'),
          step: f.optionalInt64('step') ?? 0,
        });
        return done();
      },
    },
    {
      methods: ['POST'],
      path: 'runs/log-parameter',
      handle: (f) => {
        store.logParam(f.runId(), { key: f.string('key'), value: f.optionalString('value') ?? '' });
        return done();
      },
    },
    {
      methods: ['POST'],
      path: 'runs/set-tag',
      handle: (f) => {
        store.setTag(f.runId(), { key: f.string('key'), value: f.optionalString('value') ?? '' });
        return done();
      },
    },
    {
      methods: ['POST'],
      path: 'runs/delete-tag',
      handle: (f) => {
        store.deleteTag(f.runId(), f.string('key'));
        return done();
      },
    },
    {
      methods: ['POST'],
      path: 'runs/log-batch',
      handle: (f) => {
        store.logBatch(f.runId(), {
          metrics: decodeMetrics('metrics', f.raw('metrics')),
          params: decodeKeyValues('params', f.raw('params')),
          tags: decodeKeyValues('tags', f.raw('tags')),
        });
        return done();
      },
    },
    {
      methods: ['POST'],
      path: 'runs/log-inputs',
      handle: (f) => {
        store.logInputs(f.runId(), decodeDatasetInputs('datasets', f.raw('datasets')));
        return done();
      },
    },
    {
      methods: ['POST'],
      path: 'runs/log-model',
      handle: (f) => {
        store.logModel(f.runId(), f.string('model_json'));
        return done();
      },
    },
    {
      methods: ['GET'],
      path: 'metrics/get-history',
      handle: (f) => {
        const result = store.getMetricHistory({
          runId: f.runId(),
          metricKey: f.string('metric_key'),
          maxResults: f.optionalInt64('max_results'),
          pageToken: f.optionalString('page_token'),
          maxPoints: f.optionalInt64('max_points'),
        });
        return withPageToken({ metrics: result.metrics }, result.nextPageToken);
      },
    },
  ];
}
