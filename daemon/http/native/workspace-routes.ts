/**
 * POST `/workspaces` `{folders}` registers workspace folders for the importers to watch;
 * GET `/workspaces` lists them.
 */
import type { FastifyInstance } from 'fastify';
import { NATIVE_API_PREFIX, type WorkspacesResponse } from '../../api/contract.ts';
import { MAX_FOLDERS_PER_REQUEST, validatedWorkspaceFolder } from '../../importers/workspace-folder-path.ts';
import { invalidParameter } from '../../store/tracking-error.ts';
import type { TrackingStore } from '../../store/tracking-store.ts';
import { RequestFields } from '../mlflow/request-fields.ts';

/** Told about folders once they are registered (the daemon starts watching them). */
export type WorkspacesRegistered = (folders: string[]) => void;

export function registerWorkspaceRoutes(
  app: FastifyInstance,
  store: TrackingStore,
  onRegistered: WorkspacesRegistered = () => undefined,
): void {
  app.post(`${NATIVE_API_PREFIX}/workspaces`, (request): WorkspacesResponse => {
    const requested = new RequestFields(request.body, false).stringList('folders');
    if (requested.length === 0) throw invalidParameter("'folders' must name at least one folder.");
    if (requested.length > MAX_FOLDERS_PER_REQUEST)
      throw invalidParameter(`'folders' may name at most ${MAX_FOLDERS_PER_REQUEST} folders.`);
    const folders = [...new Set(requested.map(validatedWorkspaceFolder))];
    const listed = store.write(() => {
      for (const folder of folders) store.workspaces.registerFolder(folder);
      return store.workspaces.folders();
    });
    onRegistered(folders);
    return { folders: listed };
  });

  app.get(`${NATIVE_API_PREFIX}/workspaces`, (): WorkspacesResponse => ({
    folders: store.read(() => store.workspaces.folders()),
  }));
}
