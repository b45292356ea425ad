import assert from 'node:assert/strict';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  CHANGE_EVENT_TYPES,
  NATIVE_API_PREFIX,
  type ChangeEventData,
  type Run,
} from '../../daemon/api/contract.ts';
import { startTestDaemon, TEST_TOKEN, type TestDaemon } from './daemon-harness.ts';
import { openEventStream, type StreamedEvent } from './event-stream-client.ts';
import { logTrainingRun, registerVersion } from './training-run.ts';

const types = (events: StreamedEvent[]): string[] => events.map((e) => e.data.type);
const has =
  (type: ChangeEventData['type'], where: (d: ChangeEventData) => boolean = () => true) =>
  (events: StreamedEvent[]) =>
    events.some((e) => e.data.type === type && where(e.data));

describe('change events (Server-Sent Events)', () => {
  let daemon: TestDaemon;
  before(async () => {
    daemon = await startTestDaemon({ events: { coalesceMs: 50, heartbeatMs: 100, ringSize: 64 } });
  });
  after(async () => daemon.close());

  it('streams runs, coalesced metrics, versions, aliases and stages from concurrent writers', async () => {
    const stream = await openEventStream(daemon.port);
    assert.equal(stream.status, 200);
    // Two writers at once: a training run logging metrics step by step, and a registration.
    const created = await daemon.mlflow('POST', 'runs/create', { experiment_id: '0' });
    const runId = (created.json as { run: Run }).run.info.run_id;
    const stepLogger = (async () => {
      for (let step = 0; step < 20; step += 1) {
        const res = await daemon.mlflow('POST', 'runs/log-metric', {
          run_id: runId,
          key: 'loss',
          value: 1 / (step + 1),
          timestamp: Date.now(),
          step,
        });
        assert.equal(res.status, 200);
      }
      const batch = Array.from({ length: 1000 }, (_, i) => ({
        key: 'acc',
        value: i / 1000,
        timestamp: 1,
        step: i,
      }));
      assert.equal(
        (await daemon.mlflow('POST', 'runs/log-batch', { run_id: runId, metrics: batch })).status,
        200,
      );
    })();
    const registration = (async () => {
      const version = await registerVersion(daemon, 'churn', await logTrainingRun(daemon));
      await daemon.mlflow('POST', 'registered-models/alias', {
        name: 'churn',
        alias: 'production',
        version: version.version,
      });
      await daemon.mlflow('POST', 'model-versions/transition-stage', {
        name: 'churn',
        version: version.version,
        stage: 'Staging',
        archive_existing_versions: false,
      });
    })();
    await Promise.all([stepLogger, registration]);
    await daemon.mlflow('POST', 'runs/update', { run_id: runId, status: 'FINISHED', end_time: Date.now() });

    const metricPoints = (events: StreamedEvent[]) =>
      events
        .filter((e) => e.data.type === 'metrics_logged' && e.data.run_id === runId)
        .reduce((sum, e) => sum + (e.data.type === 'metrics_logged' ? e.data.points : 0), 0);
    const events = await stream.waitFor(
      (all) =>
        metricPoints(all) === 1020 &&
        has('run_updated', (d) => d.type === 'run_updated' && d.status === 'FINISHED')(all) &&
        has('stage_changed')(all) &&
        // Heartbeats keep the stream alive: at least one arrives while it is open.
        stream.comments.includes('heartbeat'),
    );
    stream.close();
    assert.ok(has('run_created', (d) => d.type === 'run_created' && d.run_id === runId)(events));
    const metricEvents = events.filter((e) => e.data.type === 'metrics_logged' && e.data.run_id === runId);
    assert.ok(metricEvents.length < 21, `1,020 points in ${metricEvents.length} events: coalesced`);
    assert.ok(
      metricEvents.some((e) => e.data.type === 'metrics_logged' && e.data.keys.includes('acc')),
      'the batch keys are named',
    );
    const created_ = events.find((e) => e.data.type === 'model_version_created');
    assert.deepEqual(
      { ...created_?.data, time: 0 },
      { type: 'model_version_created', name: 'churn', version: '1', provenance: 'complete', time: 0 },
    );
    assert.ok(
      has(
        'alias_changed',
        (d) => d.type === 'alias_changed' && d.alias === 'production' && d.version === '1',
      )(events),
    );
    assert.ok(has('stage_changed', (d) => d.type === 'stage_changed' && d.stage === 'Staging')(events));
    // Ids are unique and increasing; every event says what it is.
    const sequence = events.map((e) => Number(e.id?.split('-')[1]));
    assert.deepEqual(
      sequence,
      [...sequence].sort((a, b) => a - b),
    );
    assert.equal(new Set(sequence).size, sequence.length);
    for (const e of events) assert.equal(e.event, e.data.type);
  });

  it('resumes after Last-Event-ID with exactly the missed events', async () => {
    const first = await openEventStream(daemon.port);
    await daemon.mlflow('POST', 'runs/create', { experiment_id: '0', run_name: 'seen' });
    const [seen] = await first.waitFor(has('run_created'));
    first.close();
    const missedNames = ['missed-1', 'missed-2', 'missed-3'];
    for (const run_name of missedNames)
      await daemon.mlflow('POST', 'runs/create', { experiment_id: '0', run_name });
    const resumed = await openEventStream(daemon.port, { 'last-event-id': seen?.id });
    const events = await resumed.waitFor(
      (all) => all.filter((e) => e.data.type === 'run_created').length === 3,
    );
    resumed.close();
    assert.deepEqual(types(events), ['run_created', 'run_created', 'run_created']);
    assert.equal(Number(events[0]?.id?.split('-')[1]), Number(seen?.id?.split('-')[1]) + 1);

    // The same through the query string, for clients that cannot set headers.
    const byQuery = await openEventStream(
      daemon.port,
      {},
      `?last_event_id=${encodeURIComponent(seen?.id ?? '')}`,
    );
    assert.equal((await byQuery.waitFor((all) => all.length === 3)).length, 3);
    byQuery.close();
  });

  it('asks for a resync when the ring no longer reaches back, or the id is from another daemon', async () => {
    const first = await openEventStream(daemon.port);
    await daemon.mlflow('POST', 'runs/create', { experiment_id: '0' });
    const [old] = await first.waitFor(has('run_created'));
    first.close();
    for (let i = 0; i < 70; i += 1) await daemon.mlflow('POST', 'runs/create', { experiment_id: '0' });
    for (const lastEventId of [old?.id, 'zzzz-1', 'garbage']) {
      const stream = await openEventStream(daemon.port, { 'last-event-id': lastEventId });
      const [event] = await stream.waitFor((all) => all.length > 0);
      stream.close();
      assert.equal(event?.data.type, 'resync', String(lastEventId));
    }
  });

  it('publishes experiment and registry edits, and nothing for reads sent as POST', async () => {
    const stream = await openEventStream(daemon.port);
    await daemon.mlflow('POST', 'experiments/search', { max_results: 10 });
    await daemon.mlflow('POST', 'runs/search', { experiment_ids: ['0'] });
    await daemon.mlflow('POST', 'registered-models/get-latest-versions', { name: 'churn' });
    await daemon.mlflow('GET', 'registered-models/alias', { name: 'churn', alias: 'production' });
    const created = await daemon.mlflow('POST', 'experiments/create', { name: 'events-exp' });
    const experimentId = (created.json as { experiment_id: string }).experiment_id;
    await daemon.mlflow('POST', 'registered-models/set-tag', { name: 'churn', key: 'team', value: 'risk' });
    await daemon.mlflow('PATCH', 'model-versions/update', { name: 'churn', version: '1', description: 'v1' });
    await daemon.mlflow('DELETE', 'registered-models/alias', { name: 'churn', alias: 'production' });
    const events = await stream.waitFor((all) => all.length >= 4);
    stream.close();
    assert.deepEqual(
      events.map((e) => ({ ...e.data, time: 0 })),
      [
        { type: 'experiment_changed', experiment_id: experimentId, time: 0 },
        { type: 'model_updated', name: 'churn', time: 0 },
        { type: 'model_updated', name: 'churn', version: '1', time: 0 },
        { type: 'alias_changed', name: 'churn', alias: 'production', time: 0 },
      ],
    );
  });

  it('narrows the stream to the requested event types', async () => {
    const stream = await openEventStream(daemon.port, {}, '?type=experiment_changed,run_created');
    const created = await daemon.mlflow('POST', 'runs/create', { experiment_id: '0' });
    const runId = (created.json as { run: Run }).run.info.run_id;
    await daemon.mlflow('POST', 'runs/set-tag', { run_id: runId, key: 'k', value: 'v' });
    await daemon.mlflow('POST', 'experiments/create', { name: 'narrowed' });
    const events = await stream.waitFor((all) => all.length >= 2);
    stream.close();
    assert.deepEqual(types(events), ['run_created', 'experiment_changed']);
    const bad = await daemon.call('GET', `${NATIVE_API_PREFIX}/events`, { query: { type: 'nope' } });
    assert.equal(bad.status, 400);
  });

  it('accepts every event type of the contract as a filter', async () => {
    for (const type of CHANGE_EVENT_TYPES) {
      const stream = await openEventStream(daemon.port, {}, `?type=${type}`);
      assert.equal(stream.status, 200, type);
      stream.close();
    }
    // The alert and drift events are among them.
    assert.ok(CHANGE_EVENT_TYPES.includes('alert_changed'));
    assert.ok(CHANGE_EVENT_TYPES.includes('drift_report_created'));
  });

  it('needs the token like every route', async () => {
    const stream = await openEventStream(daemon.port, { authorization: undefined });
    assert.equal(stream.status, 401);
    stream.close();
  });
});

describe('change events for a client that stops reading', () => {
  it('drops it once too much is buffered, and keeps serving everyone else', { timeout: 20_000 }, async () => {
    const daemon = await startTestDaemon();
    try {
      const res = await new Promise<IncomingMessage>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: daemon.port,
            path: `${NATIVE_API_PREFIX}/events`,
            headers: { host: `127.0.0.1:${daemon.port}`, authorization: `Bearer ${TEST_TOKEN}` },
            setHost: false,
          },
          resolve,
        );
        req.on('error', reject);
        req.end();
      });
      res.pause();
      const name = 'm'.repeat(2000);
      let published = 0;
      // Publish far more than the socket buffers hold while the client reads nothing.
      for (let round = 0; round < 40; round += 1) {
        for (let i = 0; i < 250; i += 1) daemon.feed.publish({ type: 'model_updated', name });
        published += 250;
        await new Promise((resolve) => setImmediate(resolve));
      }
      let received = 0;
      const ended = new Promise<void>((resolve) => res.once('end', resolve));
      res.on('data', (chunk: Buffer) => (received += chunk.length));
      res.resume();
      await ended;
      assert.ok(
        received < published * name.length,
        `${received} bytes of ${published} events: it was cut off`,
      );
      const other = await daemon.mlflow('GET', 'experiments/get', { experiment_id: '0' });
      assert.equal(other.status, 200);
    } finally {
      await daemon.close();
    }
  });
});

describe('change events at shutdown', () => {
  it('ends open streams so the daemon can close', { timeout: 60_000 }, async () => {
    const daemon = await startTestDaemon();
    const stream = await openEventStream(daemon.port);
    await daemon.close();
    await stream.ended;
  });
});
