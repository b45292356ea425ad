/**
 * The review before a deployment: the rendered manifests of its first step beside what the
 * cluster holds now for the same service (read by the daemon), as read-only YAML documents of
 * the `mlops-lens-manifests` scheme opened in a diff. With nothing live, the rendered manifests
 * open alone and a message says so.
 */
import { commands, EventEmitter, Uri, window, workspace } from 'vscode';
import type { Disposable, TextDocumentContentProvider } from 'vscode';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type { LiveDeploymentObjectsResponse } from '../../daemon/api/contract.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import type { DeployChoice } from './deploy-flow.ts';
import { manifestsYaml } from './manifests-yaml.ts';

export const MANIFEST_SCHEME = 'mlops-lens-manifests';

export class ManifestDocuments implements TextDocumentContentProvider, Disposable {
  readonly #texts = new Map<string, string>();
  readonly #changed = new EventEmitter<Uri>();
  readonly onDidChange = this.#changed.event;
  readonly #registration = workspace.registerTextDocumentContentProvider(MANIFEST_SCHEME, this);

  provideTextDocumentContent(uri: Uri): string {
    return this.#texts.get(uri.path) ?? '# This review is gone: deploy again to see it.\n';
  }

  set(path: string, text: string): Uri {
    const uri = Uri.from({ scheme: MANIFEST_SCHEME, path });
    this.#texts.set(path, text);
    this.#changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.#registration.dispose();
    this.#changed.dispose();
  }
}

/** Opens the review, then asks for the modal "Deploy"; true when the user confirms. */
export async function reviewManifests(
  connection: DaemonConnection,
  documents: ManifestDocuments,
  { request, plan }: DeployChoice,
): Promise<boolean> {
  const service = request.service_name ?? request.model_name;
  const query = new URLSearchParams({ context: request.context, namespace: request.namespace, service });
  const { objects: live } = await connection.request<LiveDeploymentObjectsResponse>(
    'GET',
    `${NATIVE_API_PREFIX}/deployments/live?${query.toString()}`,
  );
  const where = `${request.context}/${request.namespace}/${service}`;
  const firstStep = plan.steps[0] ?? 100;
  const rendered = documents.set(
    `/${where}/v${plan.model_version}-at-${firstStep}.yaml`,
    manifestsYaml(plan.objects),
  );
  let note: string;
  if (live.length === 0) {
    await window.showTextDocument(rendered, { preview: false });
    note = `Nothing of ${service} is live in ${request.context}/${request.namespace}: these manifests are all new.`;
  } else {
    const liveUri = documents.set(`/${where}/live.yaml`, manifestsYaml(live));
    await commands.executeCommand(
      'vscode.diff',
      liveUri,
      rendered,
      `${service}: live ↔ v${plan.model_version} at ${firstStep}%`,
      { preview: false },
    );
    note = `The diff shows what is live for ${service} against the first step (${firstStep}%).`;
  }
  const steps = plan.steps.map((s) => `${s}%`).join(' → ');
  const confirm = await window.showWarningMessage(
    `Deploy ${request.model_name} v${plan.model_version} to ${where} (${request.strategy}: ${steps})?`,
    {
      modal: true,
      detail: `${note} A server-side dry run comes first; the triggers roll it back by themselves.`,
    },
    'Deploy',
  );
  return confirm === 'Deploy';
}
