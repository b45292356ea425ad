/** Where a context's Prometheus is asked: its URL, or a Service through the API server's proxy. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  NoApiServerError,
  prometheusEndpoint,
  serviceProxyBaseUrl,
} from '../../daemon/metrics/prometheus-source.ts';

describe('Prometheus source', () => {
  const service = {
    kind: 'service',
    namespace: 'monitoring',
    service: 'prometheus-k8s',
    port: 'web',
  } as const;

  it('builds the service proxy URL the API server serves', () => {
    assert.equal(
      serviceProxyBaseUrl('https://10.0.0.1:6443/', service),
      'https://10.0.0.1:6443/api/v1/namespaces/monitoring/services/prometheus-k8s:web/proxy',
    );
    assert.equal(
      serviceProxyBaseUrl('https://api.example:6443', { ...service, port: '9091', scheme: 'https' }),
      'https://api.example:6443/api/v1/namespaces/monitoring/services/https:prometheus-k8s:9091/proxy',
    );
  });

  it('asks through the context API server with its credentials', async () => {
    const endpoint = await prometheusEndpoint('prod', service, 2_000, (context) =>
      Promise.resolve(
        context === 'prod'
          ? { server: 'https://api.prod:6443', headers: { authorization: 'Bearer t' } }
          : undefined,
      ),
    );
    assert.equal(
      endpoint.baseUrl,
      'https://api.prod:6443/api/v1/namespaces/monitoring/services/prometheus-k8s:web/proxy',
    );
    assert.deepEqual(endpoint.headers, { authorization: 'Bearer t' });
    assert.equal(endpoint.timeoutMs, 2_000);
  });

  it('says so when the context has no API server connection', async () => {
    await assert.rejects(
      prometheusEndpoint('dev', service, 2_000, () => Promise.resolve(undefined)),
      (error: unknown) => error instanceof NoApiServerError && /context 'dev'/.test(error.message),
    );
  });
});
