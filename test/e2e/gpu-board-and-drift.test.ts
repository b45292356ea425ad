/**
 * In real VS Code: the GPU board draws one chart per GPU and MIG slice from a DCGM-style exporter
 * scraped by real Prometheus through a real daemon, and says since when Prometheus is unavailable
 * once it stops (with no numbers left on screen); the drift dashboard shows a version whose
 * production samples drifted from its baseline, with the drift alert, verdicts, histograms and
 * a timeline. Both panels come back after the window reloads.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startDaemonProcess } from '../daemon/daemon-process.ts';
import type { SpawnedDaemon } from '../daemon/daemon-process.ts';
import { normalSample, seededRandom } from '../drift/scipy-reference.ts';
import { DcgmExporterFixture, type GpuDevice } from '../metrics/dcgm-exporter-fixture.ts';
import { prometheusMissing, startPrometheus, type PrometheusProcess } from '../metrics/prometheus-process.ts';
import { CodeServerSession, missingTools, ROOT } from './code-server-session.ts';

const missing = missingTools() ?? prometheusMissing('the GPU board and drift dashboard end-to-end test');
if (missingTools()) process.stdout.write(`# end-to-end tests skipped: ${missingTools()}\n`);

const API = '/api/mlops-lens/v1';
const HOUR = 3600_000;
const host = 'gpu-node-1';
const uuid = 'GPU-11111111-2222-3333-4444-555555555555';
const DEVICES: GpuDevice[] = [
  {
    gpu: '0',
    uuid,
    hostname: host,
    modelName: 'NVIDIA H100 80GB HBM3',
    mig: { profile: '3g.40gb', instance: '1' },
    pod: { namespace: 'ml', pod: 'churn-serving-7d9c5b6f4-x2k4q', container: 'server' },
  },
  {
    gpu: '0',
    uuid,
    hostname: host,
    modelName: 'NVIDIA H100 80GB HBM3',
    mig: { profile: '1g.10gb', instance: '9' },
    pod: { namespace: 'ml', pod: 'churn-serving-7d9c5b6f4-b8mzn', container: 'server' },
  },
  {
    gpu: '1',
    uuid: 'GPU-99999999-8888-7777-6666-555555555555',
    hostname: host,
    modelName: 'NVIDIA H100 80GB HBM3',
    pod: { namespace: 'research', pod: 'embedder-0', container: 'train' },
  },
  {
    gpu: '2',
    uuid: 'GPU-77777777-1111-2222-3333-444444444444',
    hostname: host,
    modelName: 'NVIDIA H100 80GB HBM3',
  },
];
const SIZES = [40_960, 10_240, 81_920, 81_920];

async function call<T>(
  daemon: SpawnedDaemon,
  method: string,
  route: string,
  body?: unknown,
  raw?: string,
): Promise<T> {
  const response = await fetch(`${daemon.url}${API}/${route}`, {
    method,
    headers: {
      authorization: `Bearer ${daemon.token}`,
      'content-type': raw === undefined ? 'application/json' : 'application/x-ndjson',
    },
    ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as T;
}

/** A baseline for churn v2 and three hourly windows whose income drifts further each hour. */
async function seedDrift(daemon: SpawnedDaemon): Promise<void> {
  const random = seededRandom(11);
  const income = normalSample(random, 2000, 50, 10);
  await call(daemon, 'POST', 'drift/baselines', {
    model_name: 'churn',
    model_version: '2',
    columns: {
      income,
      age: normalSample(random, 2000, 40, 12),
      tenure: normalSample(random, 2000, 24, 6),
      plan: income.map((_, i) => (i % 4 === 0 ? 'pro' : 'basic')),
    },
  });
  const start = Date.now() - 3 * HOUR;
  for (let hour = 0; hour < 3; hour++) {
    const from = start + hour * HOUR;
    const incomes = normalSample(random, 600, 50 + hour * 8, 10);
    const ages = normalSample(random, 600, 40, 12);
    const tenures = normalSample(random, 600, 24 + hour, 6);
    const lines = incomes.map((value, i) =>
      JSON.stringify({
        model_name: 'churn',
        model_version: '2',
        timestamp: from + i * 5000,
        features: {
          income: value,
          age: ages[i],
          tenure: tenures[i],
          plan: random() < 0.25 + hour * 0.1 ? 'pro' : 'basic',
        },
      }),
    );
    await call(daemon, 'POST', 'drift/samples', undefined, lines.join('\n'));
    await call(daemon, 'POST', 'drift/reports', {
      model_name: 'churn',
      model_version: '2',
      from,
      to: from + HOUR,
    });
  }
  const { alerts } = await call<{ alerts: { status: string }[] }>(
    daemon,
    'GET',
    'alerts?model_name=churn&model_version=2',
  );
  assert.ok(
    alerts.some((a) => a.status === 'open'),
    'the drift raised an alert',
  );
}

describe('GPU board and drift dashboard in code-server', { skip: missing }, () => {
  const exporter = new DcgmExporterFixture();
  let prometheus: PrometheusProcess;
  let dataDir: string;
  let daemon: SpawnedDaemon;
  let session: CodeServerSession;
  let ticks: ReturnType<typeof setInterval> | undefined;

  before(async () => {
    await exporter.start();
    let tick = 0;
    const read = (): void => {
      tick++;
      DEVICES.forEach((device, i) => {
        const util = i === 3 ? 0 : Math.round(50 + 40 * Math.sin(tick / 4 + i));
        const used = i === 3 ? 0 : Math.round((SIZES[i] ?? 0) * (0.4 + 0.1 * i + 0.05 * Math.sin(tick / 6)));
        exporter.set(device, { utilPercent: util, fbUsedMiB: used, fbFreeMiB: (SIZES[i] ?? 0) - used });
      });
    };
    read();
    ticks = setInterval(read, 1000);
    prometheus = await startPrometheus([{ job: 'dcgm', targets: [exporter.target] }]);
    dataDir = mkdtempSync(path.join(tmpdir(), 'mlops-lens-e2e-boards-'));
    daemon = await startDaemonProcess(dataDir, [], 'bundle');
    await call(daemon, 'PUT', 'metrics/prometheus', {
      context: 'lab',
      source: { kind: 'url', url: prometheus.url },
    });
    await seedDrift(daemon);
    session = await CodeServerSession.start(
      path.join(ROOT, 'examples', 'churn'),
      {},
      { MLOPS_LENS_DATA_DIR: dataDir },
    );
  });

  after(async () => {
    clearInterval(ticks);
    await session?.stop();
    daemon?.child.kill('SIGTERM');
    if (daemon) assert.equal(await daemon.exited, 0, daemon.stderr());
    await prometheus?.close();
    await exporter.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const webview = () => session.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

  it('draws one chart per GPU and MIG slice with its pod, then says since when Prometheus is down', async () => {
    const { page } = session;
    await page
      .locator('.statusbar-item:has(.codicon-database)', { hasText: 'MLOps Lens' })
      .first()
      .waitFor({ timeout: 60_000 });
    await session.runCommand('MLOps Lens: Show GPU Board');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'lab' }).first().click();
    await page.locator('.tab', { hasText: 'GPUs: lab' }).waitFor({ timeout: 30_000 });
    const slices = webview().locator('#grid .slice');
    await webview().locator('#grid .slice canvas').first().waitFor({ timeout: 60_000 });
    // Prometheus scrapes every second and the board asks every 5 s: wait for a few points.
    await page.waitForTimeout(8_000);
    assert.equal(await slices.count(), 4);
    const titles = await webview().locator('#grid .slice h3').allTextContents();
    assert.deepEqual(titles, [
      `${host} GPU 0 · MIG 3g.40gb`,
      `${host} GPU 0 · MIG 1g.10gb`,
      `${host} GPU 1`,
      `${host} GPU 2`,
    ]);
    const pods = await webview().locator('#grid .slice .pod').allTextContents();
    assert.deepEqual(pods, [
      'ml/churn-serving-7d9c5b6f4-x2k4q',
      'ml/churn-serving-7d9c5b6f4-b8mzn',
      'research/embedder-0',
      'no pod',
    ]);
    assert.match(
      (await webview().locator('#grid .slice .now').nth(2).textContent()) ?? '',
      /% use · \d+ of 81920 MiB/,
    );
    assert.match(
      (await webview().locator('#status').textContent()) ?? '',
      /lab · 3 GPUs, 2 MIG slices · last 1 h at 1 s/,
    );
    assert.equal(await webview().locator('#unavailable').isVisible(), false);
    await session.screenshot('gpu-board-webview');

    await prometheus.stop();
    const banner = webview().locator('#unavailable');
    await banner.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(
      (await banner.textContent()) ?? '',
      /Prometheus of lab unavailable since .+No GPU numbers are shown/,
    );
    assert.equal(await slices.count(), 0, 'no old numbers stay on screen');
    await session.screenshot('gpu-board-unavailable');
    await prometheus.restart();
    await webview().locator('#grid .slice canvas').first().waitFor({ timeout: 60_000 });
    assert.equal(await webview().locator('#unavailable').isVisible(), false);
  });

  it('shows the drifted version: share, alert, verdicts, histograms and timeline', async () => {
    const { page } = session;
    await session.runCommand('MLOps Lens: Show Drift Dashboard');
    // The one version is the focused row: choose it from the keyboard, as a click can land while
    // the list is still being laid out. Enter goes to the quick input itself: the GPU board's
    // webview, open beside it, may hold the page's keyboard focus.
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'churn v2' }).waitFor();
    await page.locator('.quick-input-widget input').press('Enter');
    await page.locator('.tab', { hasText: 'Drift: churn v2' }).waitFor({ timeout: 30_000 });
    const rows = webview().locator('#features tbody tr');
    await rows.first().waitFor({ timeout: 60_000 });
    const first = await rows.first().evaluate((row) => ({
      feature: (row as HTMLElement).dataset.feature,
      verdict: row.querySelector('.verdict')?.textContent,
    }));
    assert.deepEqual(first, { feature: 'income', verdict: 'drifted' });
    assert.equal(await rows.count(), 4);
    assert.match(
      (await webview().locator('#share-text').textContent()) ?? '',
      /Dataset drift: \d of 4 features drifted/,
    );
    const alertStates = await webview().locator('#alerts tbody tr td:first-child').allTextContents();
    assert.ok(alertStates.includes('open'), alertStates.join(' | '));
    assert.match(
      (await webview().locator('#alerts').textContent()) ?? '',
      /drift\/(feature-psi|ks-p-value)income/,
    );
    await webview().locator('#histogram canvas').waitFor();
    await webview().locator('#timeline canvas').waitFor();
    assert.match((await webview().locator('#status').textContent()) ?? '', /3 reports/);
    // Another feature's details, chosen in the webview.
    await webview().locator('#features tbody tr[data-feature="age"]').click();
    assert.match(
      (await webview().locator('#detail-title').textContent()) ?? '',
      /^age: (stable|investigate)/,
    );
    await webview().locator('#features tbody tr[data-feature="income"]').click();
    await session.screenshot('drift-dashboard-webview');
  });

  it('brings both panels back after the window reloads', async () => {
    const { page } = session;
    await session.runCommand('Developer: Reload Window');
    await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 120_000 });
    await page.locator('.tab', { hasText: 'Drift: churn v2' }).waitFor({ timeout: 60_000 });
    await page.locator('.tab', { hasText: 'Drift: churn v2' }).click();
    await webview().locator('#features tbody tr').first().waitFor({ timeout: 60_000 });
    assert.match((await webview().locator('#detail-title').textContent()) ?? '', /^income: drifted/);
    await page.locator('.tab', { hasText: 'GPUs: lab' }).click();
    await webview().locator('#grid .slice canvas').first().waitFor({ timeout: 60_000 });
    assert.equal(await webview().locator('#grid .slice').count(), 4);
    // The restored board keeps polling: its "as of" time moves on.
    const status = webview().locator('#status');
    const before = (await status.textContent()) ?? '';
    const deadline = Date.now() + 30_000;
    while (((await status.textContent()) ?? '') === before && Date.now() < deadline)
      await page.waitForTimeout(500);
    assert.notEqual((await status.textContent()) ?? '', before, 'the restored board polls again');
    await session.screenshot('gpu-board-restored');
  });
});
