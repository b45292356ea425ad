/** MLflow experiments endpoints. */
import type { ViewType } from '../../api/contract.ts';
import type { TrackingStore } from '../../store/tracking-store.ts';
import { decodeKeyValues } from './entity-lists.ts';
import { withPageToken, type MlflowRoute } from './mlflow-route.ts';

const VIEW_TYPES: readonly ViewType[] = ['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'];

export function experimentRoutes(store: TrackingStore): MlflowRoute[] {
  return [
    {
      methods: ['POST'],
      path: 'experiments/create',
      handle: (f) => ({
        experiment_id: store.createExperiment(
          f.string('name'),
          f.optionalString('artifact_location'),
          decodeKeyValues('tags', f.raw('tags')),
        ),
      }),
    },
    {
      methods: ['GET'],
      path: 'experiments/get',
      handle: (f) => ({ experiment: store.getExperiment(f.string('experiment_id')) }),
    },
    {
      methods: ['GET'],
      path: 'experiments/get-by-name',
      handle: (f) => ({ experiment: store.getExperimentByName(f.string('experiment_name')) }),
    },
    {
      methods: ['GET', 'POST'],
      path: 'experiments/search',
      handle: (f) => {
        const result = store.searchExperiments({
          maxResults: f.optionalInt64('max_results'),
          pageToken: f.optionalString('page_token'),
          filter: f.optionalString('filter'),
          orderBy: f.stringList('order_by'),
          viewType: f.optionalEnum('view_type', VIEW_TYPES),
        });
        return withPageToken({ experiments: result.experiments }, result.nextPageToken);
      },
    },
    {
      methods: ['POST'],
      path: 'experiments/update',
      handle: (f) => {
        store.renameExperiment(f.string('experiment_id'), f.string('new_name'));
        return {};
      },
    },
    {
      methods: ['POST'],
      path: 'experiments/delete',
      handle: (f) => {
        store.deleteExperiment(f.string('experiment_id'));
        return {};
      },
    },
    {
      methods: ['POST'],
      path: 'experiments/restore',
      handle: (f) => {
        store.restoreExperiment(f.string('experiment_id'));
        return {};
      },
    },
    {
      methods: ['POST'],
      path: 'experiments/set-experiment-tag',
      handle: (f) => {
        store.setExperimentTag(f.string('experiment_id'), {
          key: f.string('key'),
          value: f.optionalString('value') ?? '',
        });
        return {};
      },
    },
  ];
}
