/**
 * The deployment progress panel: one deployment from the daemon, reloaded on each of its
 * `deployment_progress` events and polled while it is visible (for the guardrail readings and the
 * cost per 1,000 predictions, which come from the context's Prometheus through the daemon). One panel, reused, restored after a
 * reload. "Roll Back" in the page runs the palette command with the deployment's id.
 */
import { commands } from 'vscode';
import type { Disposable, ExtensionContext } from 'vscode';
import { NATIVE_API_PREFIX } from '../../daemon/api/contract.ts';
import type { ChangeEvent, DeploymentRecord, ServingHealthResponse } from '../../daemon/api/contract.ts';
import type { ServingCostResponse } from '../../daemon/api/cost-contract.ts';
import { readingsOf } from '../deploy/guardrail-readings.ts';
import { parseSubject, parseWebviewMessage } from '../../webviews/deploy-progress/contract.ts';
import type {
  DeployProgressSubject,
  GuardrailReadings,
  HostMessage,
  WebviewMessage,
} from '../../webviews/deploy-progress/contract.ts';
import { DEPLOY_PROGRESS_BODY } from '../../webviews/deploy-progress/page-body.ts';
import type { DaemonConnection } from '../daemon/daemon-connection.ts';
import { deployProgressReloadsOn } from './panel-event-routing.ts';
import { PanelSession } from './panel-session.ts';

export const DEPLOY_PROGRESS_POLL_MS = 5_000;
export const ROLL_BACK_DEPLOYMENT_COMMAND = 'mlopsLens.rollBackDeployment';

export class DeployProgressPanel implements Disposable {
  readonly #session: PanelSession<DeployProgressSubject, HostMessage, WebviewMessage>;
  readonly #connection: DaemonConnection;
  #timer: ReturnType<typeof setInterval> | undefined;
  #progressing = false;

  constructor(context: ExtensionContext, connection: DaemonConnection) {
    this.#connection = connection;
    this.#session = new PanelSession<DeployProgressSubject, HostMessage, WebviewMessage>(context, {
      viewType: 'mlopsLens.deployProgress',
      page: {
        title: 'Deployment',
        script: 'deploy-progress.js',
        styles: ['panel-page.css', 'deploy-progress.css'],
        body: DEPLOY_PROGRESS_BODY,
      },
      title: (subject) => `Deployment ${subject.deploymentId.slice(0, 8)}`,
      parseSubject,
      parseWebviewMessage,
      load: async ({ deploymentId }) => {
        this.#timer ??= setInterval(() => this.#poll(), DEPLOY_PROGRESS_POLL_MS);
        const deployment = await connection.request<DeploymentRecord>(
          'GET',
          `${NATIVE_API_PREFIX}/deployments/${encodeURIComponent(deploymentId)}`,
        );
        this.#progressing = deployment.state === 'progressing' || deployment.state === 'planned';
        const [readings, cost] = await Promise.all([
          this.#readings(deployment.context),
          this.#cost(deployment),
        ]);
        return {
          type: 'progress',
          payload: cost === undefined ? { deployment, readings } : { deployment, readings, cost },
        };
      },
      errorMessage: (message) => ({ type: 'error', payload: { message: `No deployment: ${message}` } }),
      reloadOn: deployProgressReloadsOn,
      onMessage: (message) => {
        switch (message.type) {
          case 'rollBack':
            void commands.executeCommand(ROLL_BACK_DEPLOYMENT_COMMAND, message.payload.deploymentId);
            break;
          default: {
            const unreachable: never = message.type;
            return unreachable;
          }
        }
      },
    });
  }

  async #readings(context: string): Promise<GuardrailReadings> {
    try {
      const health = await this.#connection.request<ServingHealthResponse>(
        'GET',
        `${NATIVE_API_PREFIX}/metrics/serving?context=${encodeURIComponent(context)}`,
      );
      return readingsOf(health, Date.now());
    } catch (error) {
      return {
        values: {},
        unavailable: error instanceof Error ? error.message : String(error),
        checkedTime: Date.now(),
      };
    }
  }

  /** What the deployment's service costs now; undefined when the daemon cannot say. */
  async #cost(deployment: DeploymentRecord): Promise<ServingCostResponse | undefined> {
    const query = new URLSearchParams({
      context: deployment.context,
      namespace: deployment.namespace,
      service: deployment.service_name,
    });
    try {
      return await this.#connection.request<ServingCostResponse>(
        'GET',
        `${NATIVE_API_PREFIX}/cost/serving?${query.toString()}`,
      );
    } catch {
      return undefined;
    }
  }

  #poll(): void {
    if (this.#progressing && this.#session.visible && this.#connection.state.kind === 'connected')
      void this.#session.reload();
  }

  show(deploymentId: string): Promise<void> {
    return this.#session.show({ deploymentId });
  }

  onChange(event: ChangeEvent): void {
    this.#session.onChange(event);
  }

  registerSerializer(): Disposable {
    return this.#session.registerSerializer();
  }

  dispose(): void {
    clearInterval(this.#timer);
  }
}
