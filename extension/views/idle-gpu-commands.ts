/**
 * The Clusters view's actions on a pod whose GPUs sit idle: "Scale Down Workload" (after a
 * confirmation naming the owner Deployment or StatefulSet and its replicas, the daemon sets its
 * replicas to 0 with the product's field manager) and "Switch to a MIG Slice…" (opens the
 * manifest that declares the workload at its GPU request, where the gpu/whole-device-request
 * quick fix applies). In a restricted workspace nothing is contacted and the command says so.
 */
import { Range, Selection, TextEditorRevealType, Uri, commands, window, workspace } from 'vscode';
import type { Disposable } from 'vscode';
import type { PodWorkloadResponse, ScaleWorkloadResponse } from '../../daemon/api/workload-scale-contract.ts';
import type { DaemonRequest } from '../clusters/cluster-snapshot.ts';
import { CLUSTERS_ROUTE, contextQuery } from '../clusters/cluster-snapshot.ts';
import { gpuRequestPosition } from '../clusters/gpu-request-line.ts';
import type { ClustersNode } from './clusters-tree.ts';

export const SCALE_DOWN_COMMAND = 'mlopsLens.scaleDownIdleWorkload';
export const SWITCH_TO_MIG_COMMAND = 'mlopsLens.switchIdleWorkloadToMigSlice';

type PodNode = ClustersNode & { kind: 'pod' };

function podWorkload(request: DaemonRequest, node: PodNode): Promise<PodWorkloadResponse> {
  const { namespace, name } = node.pod;
  return request<PodWorkloadResponse>(
    'GET',
    `${CLUSTERS_ROUTE}/pod-workload?${contextQuery(node.context)}&namespace=${encodeURIComponent(namespace)}&pod=${encodeURIComponent(name)}`,
  );
}

function describe(owner: PodWorkloadResponse['workload']): string {
  return `${owner.kind} ${owner.namespace}/${owner.name}`;
}

async function scaleDown(request: DaemonRequest, node: PodNode, changed: () => void): Promise<void> {
  const { workload, replicas, replicas_error: replicasError } = await podWorkload(request, node);
  if (replicasError !== undefined) {
    void window.showErrorMessage(`MLOps Lens: cannot scale ${describe(workload)}: ${replicasError}`);
    return;
  }
  if (replicas === undefined) {
    void window.showWarningMessage(
      `${node.pod.namespace}/${node.pod.name} belongs to ${describe(workload)}, which MLOps Lens cannot scale: only a Deployment or StatefulSet can be scaled down from here.`,
    );
    return;
  }
  const scale = 'Scale to 0';
  const answer = await window.showWarningMessage(
    `Scale ${describe(workload)} from ${replicas} replica${replicas === 1 ? '' : 's'} to 0 in ${node.context}? Its pods stop and release their GPUs.`,
    { modal: true },
    scale,
  );
  if (answer !== scale) return;
  const done = await request<ScaleWorkloadResponse>('POST', `${CLUSTERS_ROUTE}/workloads/scale`, {
    context: node.context,
    ...workload,
    replicas: 0,
  });
  changed();
  void window.showInformationMessage(
    `${describe(done.workload)} scaled from ${done.previous_replicas} to ${done.replicas} replicas.`,
  );
}

async function switchToMig(request: DaemonRequest, node: PodNode): Promise<void> {
  const { workload, manifest } = await podWorkload(request, node);
  if (!manifest) {
    void window.showInformationMessage(
      `No manifest in the workspace declares ${describe(workload)}; open the one that does and use the gpu/whole-device-request quick fix on its GPU request.`,
    );
    return;
  }
  const document = await workspace.openTextDocument(Uri.file(manifest.path));
  const editor = await window.showTextDocument(document);
  const gpuRequest = gpuRequestPosition(document.getText(), manifest.line);
  const range = gpuRequest
    ? new Range(gpuRequest.line, gpuRequest.start, gpuRequest.line, gpuRequest.end)
    : new Range(manifest.line - 1, 0, manifest.line - 1, 0);
  editor.selection = new Selection(range.start, range.end);
  editor.revealRange(range, TextEditorRevealType.InCenter);
  if (!gpuRequest)
    void window.showInformationMessage(
      `${describe(workload)} in ${manifest.path} requests no whole GPU (nvidia.com/gpu) to switch to a MIG slice.`,
    );
}

export function registerIdleGpuCommands(request: DaemonRequest, changed: () => void): Disposable[] {
  const register = (id: string, run: (node: PodNode) => Promise<void>): Disposable =>
    commands.registerCommand(id, async (node?: ClustersNode) => {
      if (!workspace.isTrusted) {
        void window.showInformationMessage(
          'Restricted mode: MLOps Lens contacts no cluster until the workspace is trusted.',
        );
        return;
      }
      if (node?.kind !== 'pod') {
        void window.showInformationMessage('Right-click a pod marked idle in the Clusters view.');
        return;
      }
      try {
        await run(node);
      } catch (error) {
        void window.showErrorMessage(`MLOps Lens: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  return [
    register(SCALE_DOWN_COMMAND, (node) => scaleDown(request, node, changed)),
    register(SWITCH_TO_MIG_COMMAND, (node) => switchToMig(request, node)),
  ];
}
