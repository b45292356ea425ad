/** GET `/model-versions/metadata`: a version's ModelRegistryMetadata, validated, with its provenance badge. */
import type { FastifyInstance } from 'fastify';
import { NATIVE_API_PREFIX, type ModelVersionMetadataResponse } from '../../api/contract.ts';
import type { ModelRegistry } from '../../store/model-registry.ts';
import { RequestFields } from '../mlflow/request-fields.ts';

export function registerModelMetadataRoutes(app: FastifyInstance, registry: ModelRegistry): void {
  app.get(`${NATIVE_API_PREFIX}/model-versions/metadata`, (request): ModelVersionMetadataResponse => {
    const fields = new RequestFields(request.query, true);
    return registry.versionMetadata(fields.string('name'), fields.id('version'));
  });
}
