/**
 * In real VS Code, against the GPU cluster demo (fake API server, DCGM-style exporter, real
 * Prometheus, a daemon watching the context): the Clusters view shows the seeded nodes with their
 * MIG slices, the status bar counts the open alerts, an idle pod's Deployment is scaled down after
 * a confirmation, and the example's serving manifest gets the whole-GPU warning naming the
 * observed peak GPU memory.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startGpuClusterDemo, type GpuClusterDemo } from '../demo/gpu-cluster-demo.ts';
import { pod } from '../fake-kube/object-builders.ts';
import { prometheusMissing } from '../metrics/prometheus-process.ts';
import { CodeServerSession, missingTools, ROOT } from './code-server-session.ts';
import type { Locator } from 'playwright-core';

const missing = missingTools() ?? prometheusMissing('the Clusters view end-to-end tests');
if (missing) process.stdout.write(`# end-to-end tests skipped: ${missing}\n`);

describe('the Clusters view, alerts and the live GPU warning in code-server', { skip: missing }, () => {
  let dataDir: string;
  let demo: GpuClusterDemo;
  let session: CodeServerSession;

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-e2e-cluster-'));
    demo = await startGpuClusterDemo(dataDir);
    // The demo's GPUs have been scraped for seconds, not hours, and run at 7–8%: a short window
    // and a 10% threshold make its churn-api pods idle.
    session = await CodeServerSession.start(
      path.join(ROOT, 'examples', 'churn'),
      { 'mlopsLens.idleGpus.hours': 0.005, 'mlopsLens.idleGpus.thresholdPercent': 10 },
      { MLOPS_LENS_DATA_DIR: dataDir, KUBECONFIG: demo.kubeconfig },
    );
  });

  after(async () => {
    await session?.stop();
    await demo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts the open alerts in the status bar', async () => {
    const item = session.page.locator('.statusbar-item', { hasText: /\d+ alerts?/ }).first();
    await item.waitFor({ timeout: 60_000 });
    assert.match((await item.textContent()) ?? '', /2 alerts/);
    // Each alert that opened is announced with "Show evidence".
    const psi = session.page.locator('.notification-list-item', { hasText: 'Feature PSI above 0.25' });
    await psi.first().waitFor({ timeout: 30_000 });
    assert.ok(await psi.first().locator('.monaco-button', { hasText: 'Show evidence' }).isVisible());
  });

  it('shows the watched context live, its nodes, and the MIG slices of the H100 node', async () => {
    const { page } = session;
    await session.runCommand('MLOps Lens: Focus on Clusters View');
    const context = page.locator('.monaco-list-row', { hasText: 'fake-gpu-cluster' }).first();
    await context.waitFor({ timeout: 60_000 });
    await page
      .locator('.monaco-list-row', { hasText: /fake-gpu-cluster.*production · live/ })
      .first()
      .waitFor({ timeout: 30_000 });
    const h100 = page.locator('.monaco-list-row', { hasText: 'gpu-h100-0' }).first();
    await h100.waitFor({ timeout: 30_000 });
    assert.ok(await page.locator('.monaco-list-row', { hasText: 'gpu-a100-0' }).first().isVisible());
    await h100.click();
    const slice = page.locator('.monaco-list-row', { hasText: 'MIG 1g.10gb' }).first();
    await slice.waitFor({ timeout: 30_000 });
    assert.match((await slice.textContent()) ?? '', /\d+ of 14 free/);
    await page.locator('.monaco-list-row', { hasText: 'MIG 3g.40gb' }).first().waitFor({ timeout: 10_000 });
    const gpu = page.locator('.monaco-list-row', { hasText: /^GPU/ }).first();
    await gpu.click();
    await page
      .locator('.monaco-list-row', { hasText: 'ml-serving/churn-api-6d8f9b7c4-x2lqp' })
      .first()
      .waitFor({ timeout: 10_000 });
    await session.screenshot('clusters-view');
  });

  it('marks an idle pod, and opens its manifest at the GPU request to switch to a MIG slice', async () => {
    const { page } = session;
    const idle = page.locator('.monaco-list-row', {
      hasText: /ml-serving\/churn-api-6d8f9b7c4-x2lqp.*idle GPU \d+(\.\d)?% for \d+(\.\d)? (s|min|h)/,
    });
    await idle
      .first()
      .waitFor({ timeout: 60_000 })
      .catch(async (error: unknown) => {
        await session.screenshot('clusters-idle-gpu-missing');
        throw error;
      });
    await idle.first().hover();
    await page
      .locator('.monaco-hover', { hasText: 'use stayed under 10%' })
      .first()
      .waitFor({ timeout: 10_000 });
    await session.screenshot('clusters-idle-gpu');
    await page.keyboard.press('Escape');
    await idle.first().click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Scale Down Workload' }).waitFor({ timeout: 10_000 });
    await page.getByRole('menuitem', { name: 'Switch to a MIG Slice…' }).hover();
    await page.keyboard.press('Enter');
    await page
      .locator('.tab.active', { hasText: 'serving.yaml' })
      .waitFor({ timeout: 15_000 })
      .catch(async (error: unknown) => {
        await session.screenshot('clusters-idle-gpu-manifest-missing');
        throw error;
      });
    // The selection is the `nvidia.com/gpu` key of the request (line 29), where the quick fix applies.
    await page
      .locator('.statusbar-item', { hasText: /Ln 29, Col \d+ \(14 selected\)/ })
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(async (error: unknown) => {
        await session.screenshot('clusters-idle-gpu-manifest-missing');
        throw error;
      });
    await session.screenshot('clusters-idle-gpu-manifest');
  });

  it("scales the idle pod's Deployment down to 0 only after the confirmation", async () => {
    const { page } = session;
    const deploymentType = demo.fake.typeOf('apps/v1', 'Deployment');
    const replicas = () =>
      (demo.fake.store.get(deploymentType, 'ml-serving', 'churn-api')?.['spec'] as { replicas?: number })
        .replicas;
    // The Deployment the demo's churn-api pods belong to (their ReplicaSet is named after it).
    demo.fake.put({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { namespace: 'ml-serving', name: 'churn-api', uid: '7a1e0c52-2d0e-4b8e-9a77-0d5f4b1c01fe' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'churn-api' } },
        template: {
          metadata: { labels: { app: 'churn-api' } },
          spec: { containers: [{ name: 'api', image: 'ghcr.io/acme/churn-api:latest' }] },
        },
      },
    });
    await page.locator('.statusbar-item', { hasText: 'MLOps Lens' }).first().waitFor({ timeout: 60_000 });
    const scaleDown = async (): Promise<Locator> => {
      await session.runCommand('MLOps Lens: Focus on Clusters View');
      const idle = page
        .locator('.monaco-list-row', { hasText: /ml-serving\/churn-api-6d8f9b7c4-x2lqp.*idle GPU/ })
        .first();
      await idle.waitFor({ timeout: 60_000 });
      await idle.click({ button: 'right' });
      await page.getByRole('menuitem', { name: 'Scale Down Workload' }).hover();
      await page.keyboard.press('Enter');
      const dialog = page.locator('.monaco-dialog-box', { hasText: 'Scale Deployment ml-serving/churn-api' });
      await dialog.waitFor({ timeout: 30_000 });
      return dialog;
    };
    let dialog = await scaleDown();
    assert.match(
      (await dialog.textContent()) ?? '',
      /from 2 replicas to 0 in fake-gpu-cluster\? Its pods stop and release their GPUs\./,
    );
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(replicas(), 2, 'Cancel leaves the Deployment alone');

    dialog = await scaleDown();
    await session.screenshot('clusters-idle-gpu-scale-down');
    await dialog.locator('.monaco-button', { hasText: 'Scale to 0' }).click();
    const notifications = async (): Promise<string[]> => {
      await session.runCommand('Notifications: Show Notifications');
      return page.locator('.notifications-center .notification-list-item').allTextContents();
    };
    for (let i = 0; i < 300 && replicas() !== 0; i++) await page.waitForTimeout(100);
    if (replicas() !== 0) {
      await session.screenshot('clusters-idle-gpu-scale-down-failed');
      const calls = demo.fake.requests.filter((r) => r.path.includes('churn-api')).map((r) => r.method);
      assert.fail(
        `replicas: ${replicas()}\nnotifications: ${(await notifications()).join(' | ')}\nrequests: ${calls.join(', ')}`,
      );
    }
    // The PATCH came from the daemon, as the product's field manager.
    const patch = demo.fake.requests.find(
      (r) => r.method === 'PATCH' && r.path.endsWith('/deployments/churn-api'),
    );
    assert.match(patch?.query ?? '', /fieldManager=mlops-lens/);
    await notifications();
    await page
      .locator('.notifications-center .notification-list-item', {
        hasText: 'Deployment ml-serving/churn-api scaled from 2 to 0 replicas.',
      })
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(async (error: unknown) => {
        throw new Error(`${String(error)}\nnotifications: ${(await notifications()).join(' | ')}`);
      });
    await session.runCommand('Notifications: Hide Notifications');
  });

  it('warns on the whole GPU of k8s/serving.yaml, naming the observed peak memory', async () => {
    const { page } = session;
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('k8s/serving.yaml');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'serving.yaml' }).first().click();
    const rows = await session.problems(1, 'observed peak GPU memory').catch(async (error: unknown) => {
      await session.screenshot('whole-gpu-warning-missing');
      throw error;
    });
    const warning = rows.find((row) => row.includes('gpu/whole-device-request'));
    assert.ok(warning, rows.join(' | '));
    assert.match(warning, /observed peak GPU memory is 6\.4 GiB of 80 GB \(H100-80GB\)/);
    assert.match(warning, /free MIG slices: 1g\.10gb ×\d+/);
    // Go to the warning and show its hover, so the whole message is on the screenshot.
    await page
      .locator('.markers-panel .monaco-list-row', { hasText: 'gpu/whole-device-request' })
      .first()
      .dblclick();
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await page
      .locator('.monaco-hover', { hasText: 'observed peak GPU memory' })
      .first()
      .waitFor({ timeout: 10_000 });
    await session.screenshot('whole-gpu-warning');
    await page.keyboard.press('Escape');
  });

  it('announces a repeated alert only once, and opens its evidence from the status bar', async () => {
    const { page } = session;
    // The same drift again: the deduplicated alert repeats (occurrences 2) and is not announced again.
    const report = await fetch(`${demo.daemonUrl}/api/mlops-lens/v1/drift/reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demo.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model_name: 'churn', model_version: '1', last: 400 }),
    });
    assert.equal(report.status, 200, await report.text());
    await page.waitForTimeout(3000);
    await session.runCommand('Notifications: Show Notifications');
    const announced = page.locator('.notifications-center .notification-list-item', {
      hasText: 'Feature PSI above 0.25',
    });
    await announced.first().waitFor({ timeout: 10_000 });
    assert.equal(await announced.count(), 1);
    await session.runCommand('Notifications: Hide Notifications');
    assert.match(
      (await page
        .locator('.statusbar-item', { hasText: /alerts?$/ })
        .first()
        .textContent()) ?? '',
      /2 alerts/,
    );
    await page
      .locator('.statusbar-item', { hasText: /2 alerts/ })
      .first()
      .click();
    await page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'drift/feature-psi' })
      .first()
      .click();
    const evidence = page.locator('.editor-instance .view-lines', {
      hasText: '# Alert: drift/feature-psi on tenure',
    });
    await evidence.first().waitFor({ timeout: 20_000 });
    // Monaco draws spaces as no-break spaces.
    const text = ((await evidence.first().textContent()) ?? '').replace(/\u00a0/g, ' ');
    assert.match(text, /Model version: \*\*churn v1\*\*/);
    assert.match(text, /Occurrences: 2/);
    await session.screenshot('alert-evidence');
  });

  it('announces a pod OOM-killed while the editor is open, and shows its last log lines', async () => {
    const { page } = session;
    demo.fake.logs.set(
      'ml-serving',
      'churn-batch-0',
      'scorer',
      ['starting the scorer'],
      ['loading churn v1', 'scoring 2,000,000 rows', 'Killed'],
    );
    demo.fake.put(
      pod({
        namespace: 'ml-serving',
        name: 'churn-batch-0',
        uid: '7a1e0c52-2d0e-4b8e-9a77-0d5f4b1c02a0',
        labels: { app: 'churn-batch' },
        image: 'ghcr.io/acme/churn-batch:1.0.0',
        container: 'scorer',
        nodeName: 'gpu-h100-0',
        resources: { 'nvidia.com/gpu': '1', memory: '2Gi' },
        createdAt: new Date(Date.now() - 600_000),
        state: 'crashloop-oom',
        restartCount: 2,
      }),
    );
    const toast = page.locator('.notification-list-item', {
      hasText: 'ml-serving/churn-batch-0: container scorer was OOMKilled',
    });
    await toast.first().waitFor({ timeout: 60_000 });
    await toast.first().locator('.monaco-button', { hasText: 'Show evidence' }).click();
    const evidence = page.locator('.editor-instance .view-lines', { hasText: 'churn-batch-0' });
    await evidence.first().waitFor({ timeout: 20_000 });
    const text = ((await evidence.first().textContent()) ?? '').replace(/\u00a0/g, ' ');
    assert.match(text, /scoring 2,000,000 rows/);
    assert.match(text, /Killed/);
    await session.screenshot('failure-evidence');
  });

  it('says "stale since" on the context while the API server is gone, and live again after', async () => {
    const { page } = session;
    await session.runCommand('MLOps Lens: Focus on Clusters View');
    await demo.fake.disappear();
    try {
      const stale = page.locator('.monaco-list-row', {
        hasText: /fake-gpu-cluster.*stale since \d\d:\d\d:\d\d \(.+\)/,
      });
      await stale.first().waitFor({ timeout: 60_000 });
      await page
        .locator('.monaco-list-row', { hasText: /the nodes below are as of \d\d:\d\d:\d\d/ })
        .first()
        .waitFor({ timeout: 10_000 });
      await session.screenshot('clusters-stale');
    } finally {
      await demo.fake.reappear();
    }
    await page
      .locator('.monaco-list-row', { hasText: /fake-gpu-cluster.*production · live/ })
      .first()
      .waitFor({ timeout: 60_000 });
  });
});
