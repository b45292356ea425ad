/** GET `/lineage?node=<type>:<id>&depth=N`: a node's lineage neighbourhood. */
import type { FastifyInstance } from 'fastify';
import { NATIVE_API_PREFIX, type LineageResponse } from '../../api/contract.ts';
import type { TrackingStore } from '../../store/tracking-store.ts';
import { RequestFields } from '../mlflow/request-fields.ts';

export function registerLineageRoutes(app: FastifyInstance, store: TrackingStore): void {
  app.get(`${NATIVE_API_PREFIX}/lineage`, (request): LineageResponse => {
    const fields = new RequestFields(request.query, true);
    return store.lineage(
      fields.string('node'),
      fields.optionalInt64('depth'),
      fields.optionalInt64('max_nodes'),
    );
  });
}
