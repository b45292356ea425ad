import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** Writes a kubeconfig whose one context talks to the fake server (trusting its certificate); returns its path. */
export async function writeKubeconfig(
  directory: string,
  server: {
    url: string;
    token: string | null;
    caCertificate: string | undefined;
    clientCertificate?: { cert: string; key: string } | undefined;
  },
  context = 'fake-gpu-cluster',
  fileName = 'kubeconfig',
): Promise<string> {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: context,
        cluster: {
          server: server.url,
          ...(server.caCertificate
            ? { 'certificate-authority-data': Buffer.from(server.caCertificate).toString('base64') }
            : {}),
          // @kubernetes/client-node refuses plain HTTP unless TLS verification is off.
          ...(server.url.startsWith('http:') ? { 'insecure-skip-tls-verify': true } : {}),
        },
      },
    ],
    users: [{ name: `${context}-user`, user: userOf(server) }],
    contexts: [
      { name: context, context: { cluster: context, user: `${context}-user`, namespace: 'default' } },
    ],
    'current-context': context,
  };
  const path = join(directory, fileName);
  await writeFile(path, stringify(config), { mode: 0o600 });
  return path;
}

/** The client certificate when the server has one for its user, else the token. */
function userOf(server: {
  token: string | null;
  clientCertificate?: { cert: string; key: string } | undefined;
}): Record<string, string> {
  if (server.clientCertificate)
    return {
      'client-certificate-data': Buffer.from(server.clientCertificate.cert).toString('base64'),
      'client-key-data': Buffer.from(server.clientCertificate.key).toString('base64'),
    };
  return server.token !== null ? { token: server.token } : {};
}
