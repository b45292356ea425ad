/** MLflow model registry endpoints: registered models, versions, tags, aliases, stages. */
import type { ProvenanceGateMode } from '../../api/contract.ts';
import type { ModelRegistry } from '../../store/model-registry.ts';
import { decodeKeyValues } from './entity-lists.ts';
import { withPageToken, type MlflowRoute } from './mlflow-route.ts';

export function registryRoutes(registry: ModelRegistry, provenanceGate: ProvenanceGateMode): MlflowRoute[] {
  const done = (): Record<string, never> => ({});
  return [
    {
      methods: ['POST'],
      path: 'registered-models/create',
      handle: (f) => ({
        registered_model: registry.createModel(
          f.string('name'),
          f.optionalString('description') ?? '',
          decodeKeyValues('tags', f.raw('tags')),
        ),
      }),
    },
    {
      methods: ['GET'],
      path: 'registered-models/get',
      handle: (f) => ({ registered_model: registry.getModel(f.string('name')) }),
    },
    {
      methods: ['POST'],
      path: 'registered-models/rename',
      handle: (f) => ({ registered_model: registry.renameModel(f.string('name'), f.string('new_name')) }),
    },
    {
      methods: ['PATCH'],
      path: 'registered-models/update',
      handle: (f) => ({
        registered_model: registry.updateModel(f.string('name'), f.optionalString('description') ?? ''),
      }),
    },
    {
      methods: ['DELETE'],
      path: 'registered-models/delete',
      handle: (f) => {
        registry.deleteModel(f.string('name'));
        return done();
      },
    },
    {
      methods: ['GET'],
      path: 'registered-models/search',
      handle: (f) => {
        const result = registry.searchModels({
          filter: f.optionalString('filter'),
          maxResults: f.optionalInt64('max_results'),
          orderBy: f.stringList('order_by'),
          pageToken: f.optionalString('page_token'),
        });
        return withPageToken({ registered_models: result.models }, result.nextPageToken);
      },
    },
    {
      methods: ['GET', 'POST'],
      path: 'registered-models/get-latest-versions',
      handle: (f) => ({ model_versions: registry.latestVersions(f.string('name'), f.stringList('stages')) }),
    },
    {
      methods: ['POST'],
      path: 'registered-models/set-tag',
      handle: (f) => {
        registry.setModelTag(f.string('name'), {
          key: f.string('key'),
          value: f.optionalString('value') ?? '',
        });
        return done();
      },
    },
    {
      methods: ['DELETE'],
      path: 'registered-models/delete-tag',
      handle: (f) => {
        registry.deleteModelTag(f.string('name'), f.string('key'));
        return done();
      },
    },
    {
      methods: ['POST'],
      path: 'registered-models/alias',
      handle: (f, context) => {
        registry.setAlias(f.string('name'), f.string('alias'), f.id('version'), context.actor);
        return done();
      },
    },
    {
      methods: ['DELETE'],
      path: 'registered-models/alias',
      handle: (f, context) => {
        registry.deleteAlias(f.string('name'), f.string('alias'), context.actor);
        return done();
      },
    },
    {
      methods: ['GET'],
      path: 'registered-models/alias',
      handle: (f) => ({ model_version: registry.versionByAlias(f.string('name'), f.string('alias')) }),
    },
    {
      methods: ['POST'],
      path: 'model-versions/create',
      handle: (f) => ({
        model_version: registry.createVersion(
          {
            name: f.string('name'),
            source: f.string('source'),
            runId: f.optionalString('run_id'),
            runLink: f.optionalString('run_link'),
            description: f.optionalString('description'),
            tags: decodeKeyValues('tags', f.raw('tags')),
          },
          provenanceGate,
        ),
      }),
    },
    {
      methods: ['GET'],
      path: 'model-versions/get',
      handle: (f) => ({ model_version: registry.getVersion(f.string('name'), f.id('version')) }),
    },
    {
      methods: ['PATCH'],
      path: 'model-versions/update',
      handle: (f) => ({
        model_version: registry.updateVersion(
          f.string('name'),
          f.id('version'),
          f.optionalString('description') ?? '',
        ),
      }),
    },
    {
      methods: ['DELETE'],
      path: 'model-versions/delete',
      handle: (f, context) => {
        registry.deleteVersion(f.string('name'), f.id('version'), context.actor);
        return done();
      },
    },
    {
      methods: ['GET'],
      path: 'model-versions/search',
      handle: (f) => {
        const result = registry.searchVersions({
          filter: f.optionalString('filter'),
          maxResults: f.optionalInt64('max_results'),
          orderBy: f.stringList('order_by'),
          pageToken: f.optionalString('page_token'),
        });
        return withPageToken({ model_versions: result.versions }, result.nextPageToken);
      },
    },
    {
      methods: ['GET'],
      path: 'model-versions/get-download-uri',
      handle: (f) => ({ artifact_uri: registry.downloadUri(f.string('name'), f.id('version')) }),
    },
    {
      methods: ['POST'],
      path: 'model-versions/transition-stage',
      handle: (f, context) => ({
        model_version: registry.transitionStage(
          f.string('name'),
          f.id('version'),
          f.string('stage'),
          f.optionalBoolean('archive_existing_versions') ?? false,
          context.actor,
        ),
      }),
    },
    {
      methods: ['POST'],
      path: 'model-versions/set-tag',
      handle: (f) => {
        registry.setVersionTag(f.string('name'), f.id('version'), {
          key: f.string('key'),
          value: f.optionalString('value') ?? '',
        });
        return done();
      },
    },
    {
      methods: ['DELETE'],
      path: 'model-versions/delete-tag',
      handle: (f) => {
        registry.deleteVersionTag(f.string('name'), f.id('version'), f.string('key'));
        return done();
      },
    },
  ];
}
