/**
 * Which of the watched custom resources a cluster serves: one discovery request per group
 * version (`GET /apis/<group>/<version>`); a 404 means the CRD is not installed.
 */
import type { KubeRequester } from './kube-connection.ts';
import { KubeApiError } from './kube-api-error.ts';
import { WATCHED_RESOURCES, groupVersionPath, type WatchedResource } from './watched-resources.ts';

interface ApiResourceList {
  resources?: { name?: string }[];
}

export async function servedResources(
  requester: KubeRequester,
  signal?: AbortSignal,
): Promise<WatchedResource[]> {
  const custom = WATCHED_RESOURCES.filter((r) => r.custom);
  const groupVersions = [...new Set(custom.map((r) => `${r.group}/${r.version}`))];
  const served = new Set<string>();
  await Promise.all(
    groupVersions.map(async (groupVersion) => {
      const [group = '', version = ''] = groupVersion.split('/');
      try {
        const list = await requester.json<ApiResourceList>(groupVersionPath(group, version), signal);
        for (const entry of list.resources ?? []) if (entry.name) served.add(`${groupVersion}/${entry.name}`);
      } catch (error) {
        if (!(error instanceof KubeApiError && error.kind === 'not-found')) throw error;
      }
    }),
  );
  return WATCHED_RESOURCES.filter((r) => !r.custom || served.has(`${r.group}/${r.version}/${r.plural}`));
}
