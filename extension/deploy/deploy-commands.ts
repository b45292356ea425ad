/**
 * "Deploy Model Version…" and "Roll Back Deployment". Both change a cluster, so both refuse in a
 * restricted workspace. The deploy command runs the steps, opens the review, asks for the modal
 * "Deploy", applies through the daemon and shows the progress panel; roll back takes the
 * deployment from the progress panel or lets the user pick one.
 */
import { commands, window, workspace } from 'vscode';
import type { Disposable } from 'vscode';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type { DeploymentRecord, DeploymentsResponse } from '../../daemon/api/contract.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import type { DeployProgressPanel } from '../webviews/deploy-progress-panel.ts';
import { ROLL_BACK_DEPLOYMENT_COMMAND } from '../webviews/deploy-progress-panel.ts';
import { runDeployFlow } from './deploy-flow.ts';
import { ManifestDocuments, reviewManifests } from './manifest-review.ts';

export const DEPLOY_MODEL_VERSION_COMMAND = 'mlopsLens.deployModelVersion';

function refusedHere(connection: DaemonConnection): boolean {
  if (!workspace.isTrusted) {
    void window.showInformationMessage(
      'Restricted mode: MLOps Lens deploys nothing until the workspace is trusted.',
    );
    return true;
  }
  if (connection.state.kind !== 'connected') {
    void window.showWarningMessage('Deployments go through the MLOps Lens daemon, and none is connected.');
    return true;
  }
  return false;
}

function showError(error: unknown): void {
  void window.showErrorMessage(`MLOps Lens: ${error instanceof Error ? error.message : String(error)}`);
}

/** The deployment a roll back is for: the one given, or one picked among those not rolled back. */
async function deploymentToRollBack(
  connection: DaemonConnection,
  given: unknown,
): Promise<DeploymentRecord | undefined> {
  if (typeof given === 'string' && given !== '')
    return connection.request<DeploymentRecord>(
      'GET',
      `${NATIVE_API_PREFIX}/deployments/${encodeURIComponent(given)}`,
    );
  const { deployments } = await connection.request<DeploymentsResponse>(
    'GET',
    `${NATIVE_API_PREFIX}/deployments`,
  );
  const candidates = deployments.filter((d) => d.state !== 'rolled_back');
  if (candidates.length === 0) {
    void window.showInformationMessage('No deployment to roll back.');
    return undefined;
  }
  const picked = await window.showQuickPick(
    candidates.map((d) => ({
      label: `${d.model_name} v${d.model_version}`,
      description: `${d.context}/${d.namespace} · ${d.strategy} · ${d.state.replace('_', ' ')} at ${d.traffic_percent}%`,
      detail: d.previous_version
        ? `Restores version ${d.previous_version}.`
        : 'Nothing served before: removes it.',
      deployment: d,
    })),
    { title: 'Roll Back Deployment', placeHolder: 'The deployment to roll back' },
  );
  return picked?.deployment;
}

export function registerDeployCommands(
  connection: DaemonConnection,
  panel: DeployProgressPanel,
): Disposable[] {
  const documents = new ManifestDocuments();
  return [
    documents,
    commands.registerCommand(DEPLOY_MODEL_VERSION_COMMAND, async () => {
      if (refusedHere(connection)) return;
      try {
        const dwell = workspace.getConfiguration('mlopsLens').get<number>('deploy.dwellSeconds');
        const choice = await runDeployFlow(connection, dwell === undefined ? undefined : dwell * 1000);
        if (!choice) return;
        if (!(await reviewManifests(connection, documents, choice))) return;
        const record = await connection.request<DeploymentRecord>(
          'POST',
          `${NATIVE_API_PREFIX}/deployments`,
          choice.request,
        );
        await panel.show(record.id);
      } catch (error) {
        showError(error);
      }
    }),
    commands.registerCommand(ROLL_BACK_DEPLOYMENT_COMMAND, async (given?: unknown) => {
      if (refusedHere(connection)) return;
      try {
        const deployment = await deploymentToRollBack(connection, given);
        if (!deployment) return;
        const restores = deployment.previous_version
          ? `Version ${deployment.previous_version} gets all traffic again`
          : 'Nothing served before, so every object of it is deleted';
        const confirm = await window.showWarningMessage(
          `Roll back ${deployment.model_name} v${deployment.model_version} in ${deployment.context}/${deployment.namespace}?`,
          { modal: true, detail: `${restores}; the objects of v${deployment.model_version} are deleted.` },
          'Roll Back',
        );
        if (confirm !== 'Roll Back') return;
        await panel.show(deployment.id);
        const after = await connection.request<DeploymentRecord>(
          'POST',
          `${NATIVE_API_PREFIX}/deployments/${encodeURIComponent(deployment.id)}/rollback`,
          {},
        );
        void window.showInformationMessage(
          `${after.model_name} v${after.model_version} rolled back: ${after.reason ?? after.state.replace('_', ' ')}.`,
        );
      } catch (error) {
        showError(error);
      }
    }),
  ];
}
