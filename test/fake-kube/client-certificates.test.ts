/**
 * The fake API server with client certificates: over real TLS it asks every client for a
 * certificate, accepts the one its client CA issued to the configured user (kubectl and plain
 * HTTPS prove it), and answers 401 to no certificate, a certificate from another CA, and one
 * issued by its CA to someone else.
 */
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { after, before, describe, it } from 'node:test';
import { clientCertificateAuthority, issueClientCertificate, type PemPair } from './client-certificates.ts';
import { startFakeKube, type FakeKube } from './fake-kube-server.ts';
import { kubectlMissing, startKubectlSession } from './kubectl-harness.ts';

function get(fake: FakeKube, path: string, client?: PemPair): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${fake.url}${path}`,
      { ca: fake.caCertificate, ...(client ? { cert: client.cert, key: client.key } : {}) },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('client certificates', () => {
  let fake: FakeKube;
  before(async () => {
    fake = await startFakeKube({ tls: true, clientCertificateUser: 'ml-engineer' });
  });
  after(async () => fake.close());

  it("authenticates the user's certificate and refuses others with 401", async () => {
    assert.ok(fake.clientCertificate && fake.clientCa);
    assert.equal(await get(fake, '/api/v1/namespaces', fake.clientCertificate), 200);
    assert.equal(await get(fake, '/api/v1/namespaces'), 401, 'no certificate');
    const otherCa = await clientCertificateAuthority('another-ca');
    assert.equal(
      await get(fake, '/api/v1/namespaces', await issueClientCertificate(otherCa, 'ml-engineer')),
      401,
      'the right name from a CA the server does not trust',
    );
    assert.equal(
      await get(fake, '/api/v1/namespaces', await issueClientCertificate(fake.clientCa, 'someone-else')),
      401,
      'a trusted certificate for another user',
    );
  });

  it('is refused without tls', async () => {
    await assert.rejects(startFakeKube({ clientCertificateUser: 'x' }), /needs tls: true/);
  });

  it(
    'kubectl authenticates with client-certificate-data and client-key-data',
    { skip: kubectlMissing },
    async () => {
      const session = await startKubectlSession({ clientCertificateUser: 'ml-engineer' });
      try {
        const result = await session.run(['get', 'pods', '-n', 'ml-serving', '-o', 'name']);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, /pod\/llm-server-0/);
      } finally {
        await session.close();
      }
    },
  );
});
