/**
 * A context's API server connection read from a kubeconfig: over TLS to the fake Kubernetes API
 * server (its CA trusted, its bearer token sent), the service proxy path is asked; the fake
 * serves no service proxy, and its 404 Status comes back as a clear "not a Prometheus answer".
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { kubeconfigApiServer } from '../../daemon/metrics/kubeconfig-api-servers.ts';
import { PrometheusClient } from '../../daemon/metrics/prometheus-client.ts';
import { PrometheusUnavailableError } from '../../daemon/metrics/prometheus-errors.ts';
import { prometheusEndpoint } from '../../daemon/metrics/prometheus-source.ts';
import { tempDir } from '../daemon/daemon-harness.ts';
import { startFakeKube, type FakeKube } from '../fake-kube/fake-kube-server.ts';
import { writeKubeconfig } from '../fake-kube/kubeconfig.ts';

describe('kubeconfig API server connections', () => {
  let fake: FakeKube;
  let kubeconfig: string;

  before(async () => {
    fake = await startFakeKube({ tls: true, seed: false });
    kubeconfig = await writeKubeconfig(tempDir(), fake);
  });
  after(async () => fake?.close());

  it('reaches the service proxy path over TLS with the context token', async () => {
    const connection = await kubeconfigApiServer([kubeconfig], 'fake-gpu-cluster');
    assert.ok(connection);
    assert.equal(connection.server, fake.url);
    assert.equal(connection.headers?.Authorization, `Bearer ${fake.token}`);
    const source = {
      kind: 'service',
      namespace: 'monitoring',
      service: 'prometheus-k8s',
      port: '9090',
    } as const;
    const endpoint = await prometheusEndpoint('fake-gpu-cluster', source, 2_000, () =>
      Promise.resolve(connection),
    );
    const error = await new PrometheusClient(endpoint).instant('up').catch((e: unknown) => e);
    assert.ok(error instanceof PrometheusUnavailableError, String(error));
    assert.match(
      error.message,
      /HTTP 404 from https:\/\/127\.0\.0\.1:\d+\/api\/v1\/namespaces\/monitoring\/services\/prometheus-k8s:9090\/proxy\/api\/v1\/query is not a Prometheus API answer/,
    );
    assert.ok(
      fake.requests.some(
        (r) => r.path === '/api/v1/namespaces/monitoring/services/prometheus-k8s:9090/proxy/api/v1/query',
      ),
      'the fake API server saw the proxy request, authenticated',
    );
  });

  it('has no connection for a context the kubeconfig lacks', async () => {
    assert.equal(await kubeconfigApiServer([kubeconfig], 'elsewhere'), undefined);
  });
});
