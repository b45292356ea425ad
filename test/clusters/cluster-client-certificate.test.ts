/**
 * The daemon's cluster watcher with a kubeconfig user that authenticates by client certificate
 * (`client-certificate-data` / `client-key-data`), against the fake API server over real TLS
 * that requires and verifies one: the right certificate syncs the cluster; a certificate the
 * server does not trust, a certificate whose key does not match it, and data that is no
 * certificate each give the context a clear error state, and the key never reaches the log.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClusterStateResponse } from '../../daemon/api/contract.ts';
import {
  clientCertificateAuthority,
  issueClientCertificate,
  type PemPair,
} from '../fake-kube/client-certificates.ts';
import type { FakeKube } from '../fake-kube/fake-kube-server.ts';
import { startClusterDaemon, type ClusterDaemon } from './cluster-daemon.ts';

const USER = 'ml-engineer';

function certificateUser(pair: { cert: string; key: string }): Record<string, string> {
  return {
    'client-certificate-data': Buffer.from(pair.cert).toString('base64'),
    'client-key-data': Buffer.from(pair.key).toString('base64'),
  };
}

type CertificateUser = (fake: FakeKube) => Promise<Record<string, string>> | Record<string, string>;

/** The daemon watching a fake server over TLS that requires client certificates for USER. */
function startCertificateDaemon(user: CertificateUser): Promise<ClusterDaemon> {
  return startClusterDaemon({
    fake: { tls: true, clientCertificateUser: USER },
    cluster: (fake) => ({
      'certificate-authority-data': Buffer.from(fake.caCertificate ?? '').toString('base64'),
    }),
    user,
  });
}

async function errorState(user: CertificateUser): Promise<{ reason: string; log: string; keyData: string }> {
  let keyData = '';
  const daemon = await startCertificateDaemon(async (fake) => {
    const entry = await user(fake);
    keyData = entry['client-key-data'] ?? '';
    return entry;
  });
  try {
    const state = await daemon.until<ClusterStateResponse>('state', (s) => s.freshness.state === 'error');
    return { reason: state.freshness.reason ?? '', log: daemon.logLines.join('\n'), keyData };
  } finally {
    await daemon.close();
  }
}

describe('cluster credentials: client certificates', () => {
  it('syncs with the client certificate the server verifies (no token in the kubeconfig)', async () => {
    const daemon = await startCertificateDaemon((fake) => certificateUser(fake.clientCertificate as PemPair));
    try {
      const state = await daemon.until<ClusterStateResponse>('state', (s) => s.freshness.state === 'live');
      assert.ok(state.freshness.resources.some((r) => r.resource === 'pods' && r.objects > 0));
    } finally {
      await daemon.close();
    }
  });

  it('a certificate from a CA the server does not trust: a 401 error state', async () => {
    const { reason, log, keyData } = await errorState(async () =>
      certificateUser(await issueClientCertificate(await clientCertificateAuthority('rogue-ca'), USER)),
    );
    assert.match(reason, /401/);
    assert.match(reason, /Unauthorized/);
    assert.ok(!log.includes(keyData), 'the key never reaches the log');
  });

  it('a certificate issued to another user: a 401 error state', async () => {
    const { reason } = await errorState(async (fake) =>
      certificateUser(await issueClientCertificate(fake.clientCa as PemPair, 'someone-else')),
    );
    assert.match(reason, /401/);
  });

  it('a key that does not match the certificate, or data that is no certificate: a clear error state', async () => {
    const mismatched = await errorState(async (fake) => {
      const other = await issueClientCertificate(fake.clientCa as PemPair, USER);
      return certificateUser({ cert: (fake.clientCertificate as PemPair).cert, key: other.key });
    });
    assert.match(
      mismatched.reason,
      /client certificate, key or CA data cannot be used .*KEY_VALUES_MISMATCH/,
    );
    const garbage = await errorState(() => certificateUser({ cert: 'not a certificate', key: 'not a key' }));
    assert.match(garbage.reason, /client certificate, key or CA data cannot be used \(ERR_OSSL_/);
  });
});
