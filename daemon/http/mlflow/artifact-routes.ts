/**
 * The `mlflow-artifacts` proxy routes: PUT uploads a raw body, GET downloads it byte for
 * byte, GET without a path lists a directory (`?path=`), DELETE removes a file or directory.
 * Bytes go to the content-addressed blob store; the logical path only indexes them.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MLFLOW_ARTIFACTS_PREFIX } from '../../api/contract.ts';
import type { ArtifactBlobs } from '../../store/artifact-blobs.ts';
import { decodeArtifactPath, validateArtifactPath } from '../../store/artifact-path.ts';
import { notFound } from '../../store/tracking-error.ts';
import type { TrackingStore } from '../../store/tracking-store.ts';
import { RequestFields } from './request-fields.ts';

export interface ArtifactRouteOptions {
  readonly store: TrackingStore;
  readonly blobs: ArtifactBlobs;
  readonly maxArtifactBytes: number;
}

/** The still-encoded path after the prefix, from the raw URL (routers decode too early). */
function rawArtifactPath(request: FastifyRequest): string {
  const url = request.raw.url ?? '';
  const withoutQuery = url.split('?')[0] ?? '';
  return decodeArtifactPath(withoutQuery.slice(MLFLOW_ARTIFACTS_PREFIX.length + 1));
}

export async function registerArtifactRoutes(
  app: FastifyInstance,
  options: ArtifactRouteOptions,
): Promise<void> {
  const { store, blobs } = options;
  await app.register((scope, _options, pluginDone) => {
    // Uploads are streamed, whatever their content type (MLflow's client may send none).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    scope.put(`${MLFLOW_ARTIFACTS_PREFIX}/*`, async (request) => {
      const artifactPath = rawArtifactPath(request);
      if (artifactPath === '') throw notFound('An artifact upload needs a file path.');
      const blob = await blobs.put(request.raw, options.maxArtifactBytes);
      store.write(() => store.artifacts.record({ path: artifactPath, sha256: blob.sha256, size: blob.size }));
      return {};
    });

    scope.get(`${MLFLOW_ARTIFACTS_PREFIX}/*`, (request, reply) => {
      const artifactPath = rawArtifactPath(request);
      const entry = store.read(() => store.artifacts.find(artifactPath));
      if (entry === undefined) throw notFound(`Artifact '${artifactPath}' does not exist.`);
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-length', entry.size)
        .send(blobs.read(entry.sha256));
    });

    scope.get(MLFLOW_ARTIFACTS_PREFIX, (request, reply) => {
      const directory = validateArtifactPath(
        new RequestFields(request.query, true).optionalString('path') ?? '',
      );
      return reply.send({ files: store.read(() => store.artifacts.list(directory)) });
    });

    scope.delete(`${MLFLOW_ARTIFACTS_PREFIX}/*`, (request, reply) => {
      const artifactPath = rawArtifactPath(request);
      const removed = store.write(() => store.artifacts.remove(artifactPath));
      if (removed === 0) throw notFound(`Artifact '${artifactPath}' does not exist.`);
      return reply.send({});
    });
    pluginDone();
  });
}
