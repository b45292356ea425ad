/**
 * Client certificates for the fake API server: a test CA (selfsigned) and certificates it signs
 * for a user (the certificate's common name, as the API server reads it), and the check the
 * server makes on each TLS connection: verified against that CA and issued to that user.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';

export interface PemPair {
  key: string;
  cert: string;
}

const WEEK_MS = 7 * 86_400_000;

/** A fresh CA that signs client certificates only. */
export async function clientCertificateAuthority(name = 'fake-kube-client-ca'): Promise<PemPair> {
  const pems = await generate([{ name: 'commonName', value: name }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + WEEK_MS),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, digitalSignature: true, critical: true },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** A client certificate for `user`, signed by `ca`. */
export async function issueClientCertificate(ca: PemPair, user: string): Promise<PemPair> {
  const pems = await generate([{ name: 'commonName', value: user }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + WEEK_MS),
    ca,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** Whether the request came with a certificate the server's client CA verified, issued to `user`. */
export function certificateNames(request: IncomingMessage, user: string): boolean {
  const socket = request.socket as TLSSocket;
  if (typeof socket.getPeerCertificate !== 'function' || !socket.authorized) return false;
  const subject = socket.getPeerCertificate().subject as Record<string, string | string[]> | undefined;
  const commonName = subject?.['CN'];
  return commonName === user;
}
