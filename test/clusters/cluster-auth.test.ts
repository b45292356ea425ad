import assert from 'node:assert/strict';
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { ClusterContextsResponse, ClusterStateResponse } from '../../daemon/api/contract.ts';
import { startClusterDaemon } from './cluster-daemon.ts';

describe('cluster credentials from the kubeconfig', () => {
  it('gives a clear error state for a token the server refuses, and keeps the token out of it', async () => {
    const daemon = await startClusterDaemon({ user: () => ({ token: 'wrong-token-31337' }) });
    try {
      const state = await daemon.until<ClusterStateResponse>('state', (s) => s.freshness.state === 'error');
      assert.match(state.freshness.reason ?? '', /401/);
      assert.match(state.freshness.reason ?? '', /Unauthorized/);
      const contexts = (await daemon.call('GET', 'contexts')).json as ClusterContextsResponse;
      assert.equal(contexts.contexts[0]?.freshness.state, 'error');
      assert.ok(!daemon.logLines.join('\n').includes('wrong-token-31337'), 'the token never reaches the log');
    } finally {
      await daemon.close();
    }
  });

  it('authenticates through an exec credential plugin', async () => {
    const daemon = await startClusterDaemon({
      user: async (fake, dir) => {
        const plugin = path.join(dir, 'credential-plugin.sh');
        const credential = {
          apiVersion: 'client.authentication.k8s.io/v1',
          kind: 'ExecCredential',
          status: { token: fake.token },
        };
        await writeFile(plugin, `#!/bin/sh\ncat <<'JSON'\n${JSON.stringify(credential)}\nJSON\n`);
        await chmod(plugin, 0o700);
        return {
          exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, interactiveMode: 'Never' },
        };
      },
    });
    try {
      const state = await daemon.until<ClusterStateResponse>('state', (s) => s.freshness.state === 'live');
      assert.ok(state.freshness.resources.some((r) => r.resource === 'pods' && r.objects > 0));
    } finally {
      await daemon.close();
    }
  });

  it('says why an exec plugin that fails cannot authenticate', async () => {
    const daemon = await startClusterDaemon({
      user: () => ({
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: '/nonexistent/credential-plugin',
          interactiveMode: 'Never',
        },
      }),
    });
    try {
      const state = await daemon.until<ClusterStateResponse>('state', (s) => s.freshness.state === 'error');
      assert.match(state.freshness.reason ?? '', /cannot authenticate/);
    } finally {
      await daemon.close();
    }
  });

  it('talks HTTPS to a server whose CA the kubeconfig names, and refuses one it cannot verify', async () => {
    const trusted = await startClusterDaemon({
      fake: { tls: true },
      cluster: (fake) => ({
        'certificate-authority-data': Buffer.from(fake.caCertificate ?? '').toString('base64'),
      }),
    });
    try {
      assert.match(trusted.fake.url, /^https:/);
      await trusted.until<ClusterStateResponse>('state', (s) => s.freshness.state === 'live');
    } finally {
      await trusted.close();
    }
    const untrusted = await startClusterDaemon({ fake: { tls: true } });
    try {
      const state = await untrusted.until<ClusterStateResponse>(
        'state',
        (s) => s.freshness.state === 'error',
      );
      assert.match(
        state.freshness.reason ?? '',
        /certificate is not trusted \(SELF_SIGNED|DEPTH_ZERO|UNABLE_TO_VERIFY/,
      );
    } finally {
      await untrusted.close();
    }
  });

  it('sends the OIDC id-token of an oidc auth provider', async () => {
    const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const idToken = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({
      iss: 'https://issuer.example.com',
      sub: 'ml-engineer',
      exp: Math.floor(Date.now() / 1000) + 3600,
    })}.c2lnbmF0dXJl`;
    const daemon = await startClusterDaemon({
      fake: { token: idToken },
      user: () => ({
        'auth-provider': {
          name: 'oidc',
          config: {
            'id-token': idToken,
            'client-id': 'mlops-lens',
            'idp-issuer-url': 'https://issuer.example.com',
          },
        },
      }),
    });
    try {
      await daemon.until<ClusterStateResponse>('state', (s) => s.freshness.state === 'live');
    } finally {
      await daemon.close();
    }
  });
});
