import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Socket } from 'node:net';
import { AccessRules } from './access-rules.ts';
import { handleApiRequest, sendJson, type ApiContext } from './api-handler.ts';
import { ApiError, statusObject } from './api-status.ts';
import { handleControlRequest, CONTROL_PREFIX } from './control-routes.ts';
import { FaultState } from './fault-state.ts';
import type { KubeObject } from './kube-object.ts';
import { ObjectStore } from './object-store.ts';
import { PodLogs } from './pod-logs.ts';
import { CUSTOM_TYPES, ResourceCatalog, type ResourceType } from './resource-catalog.ts';
import { seedGpuCluster } from './seed-cluster.ts';
import {
  certificateNames,
  clientCertificateAuthority,
  issueClientCertificate,
  type PemPair,
} from './client-certificates.ts';
import { loopbackCertificate } from './tls-certificate.ts';

export interface FakeKubeOptions {
  /** 0 (default): any free port on 127.0.0.1. */
  port?: number;
  /**
   * Serve HTTPS with a fresh self-signed certificate (default false). kubectl sends a token only
   * over TLS; over plain HTTP it sends no credentials at all, so use `token: null` there.
   */
  tls?: boolean;
  /** The bearer token every API request must carry; null: no authentication. Default: random. */
  token?: string | null;
  /** API groups of custom resources to serve (their CRDs are "installed"). Default: all known. */
  customGroups?: readonly string[];
  /** How many changes the server keeps for watches to resume from (default 1000). */
  retainedChanges?: number;
  /** How often a watch with allowWatchBookmarks gets a BOOKMARK (default 1000 ms). */
  bookmarkIntervalMs?: number;
  /** Answer aggregated discovery (default true); false answers legacy discovery only, as an old server does. */
  aggregatedDiscovery?: boolean;
  /** Seed the small GPU cluster of `seed-cluster.ts` (default true). */
  seed?: boolean;
  /**
   * With `tls`: ask every client for a certificate, verify it against a fresh client CA, and
   * authenticate a request whose verified certificate was issued to this user (its common name)
   * as well as one with the token. `fake.clientCertificate` holds that user's certificate.
   */
  clientCertificateUser?: string;
}

/** One request the server saw, for tests that assert what a client asked. */
export interface SeenRequest {
  method: string;
  path: string;
  query: string;
  accept: string;
  contentType: string;
}

/** A running fake Kubernetes API server on loopback, with its control surface for tests. */
export interface FakeKube {
  readonly url: string;
  readonly port: number;
  readonly token: string | null;
  /** The PEM certificate clients must trust when `tls` is on. */
  readonly caCertificate: string | undefined;
  /** The client certificate and key of `clientCertificateUser`, signed by the client CA. */
  readonly clientCertificate: PemPair | undefined;
  /** The client CA (`clientCertificateUser` only), to issue other certificates in tests. */
  readonly clientCa: PemPair | undefined;
  readonly store: ObjectStore;
  readonly catalog: ResourceCatalog;
  readonly logs: PodLogs;
  readonly faults: FaultState;
  readonly access: AccessRules;
  readonly requests: SeenRequest[];
  /** Creates or replaces an object of any served kind (watchers see ADDED or MODIFIED). */
  put(object: KubeObject): KubeObject;
  /** Changes a stored object in place through `mutate` (watchers see MODIFIED). */
  modify(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
    mutate: (object: KubeObject) => void,
  ): KubeObject;
  remove(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined;
  typeOf(apiVersion: string, kind: string): ResourceType;
  /** Closes the listener and every connection: the server is gone until `reappear`. */
  disappear(): Promise<void>;
  /** Listens again on the same port. */
  reappear(): Promise<void>;
  close(): Promise<void>;
}

function authorized(request: IncomingMessage, token: string | null): boolean {
  if (token === null) return true;
  return request.headers.authorization === `Bearer ${token}`;
}

export async function startFakeKube(options: FakeKubeOptions = {}): Promise<FakeKube> {
  const token = options.token === undefined ? `fake-kube-${randomBytes(12).toString('hex')}` : options.token;
  const clientUser = options.clientCertificateUser;
  if (clientUser !== undefined && !options.tls) throw new Error('clientCertificateUser needs tls: true');
  const customGroups = options.customGroups ?? [...new Set(CUSTOM_TYPES.map((t) => t.group))];
  const catalog = new ResourceCatalog(customGroups);
  const store = new ObjectStore(options.retainedChanges ?? 1000);
  const logs = new PodLogs();
  const faults = new FaultState();
  const access = new AccessRules('system:serviceaccount:mlops:deployer');
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  let port = options.port ?? 0;

  const typeOf = (apiVersion: string, kind: string): ResourceType => {
    const type = catalog.byKind(apiVersion, kind);
    if (!type) throw new Error(`the fake cluster does not serve ${kind} in ${apiVersion}`);
    return type;
  };
  const put = (object: KubeObject): KubeObject => {
    const type = typeOf(object.apiVersion, object.kind);
    const existing = store.get(type, object.metadata.namespace, object.metadata.name);
    return existing ? store.update(type, object) : store.create(type, object);
  };

  const context: ApiContext = {
    store,
    catalog,
    logs,
    faults,
    access,
    aggregatedDiscovery: options.aggregatedDiscovery ?? true,
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 1000,
    serverAddress: () => `127.0.0.1:${port}`,
  };

  const holder: { fake?: FakeKube } = {};
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      if (holder.fake) await handleControlRequest(holder.fake, request, response, url);
      return;
    }
    requests.push({
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      accept: request.headers.accept ?? '',
      contentType: request.headers['content-type'] ?? '',
    });
    const byCertificate = clientUser !== undefined && certificateNames(request, clientUser);
    if (!byCertificate && !authorized(request, token)) {
      sendJson(response, 401, statusObject(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    await handleApiRequest(context, request, response, url);
  };

  const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
    handle(request, response).catch((error: unknown) => {
      const status =
        error instanceof ApiError
          ? error.status
          : statusObject(500, 'InternalError', `Internal error occurred: ${String(error)}`);
      if (response.headersSent) response.end();
      else sendJson(response, status.code, status);
    });
  };
  const certificate = options.tls ? await loopbackCertificate() : undefined;
  const clientCa = certificate && clientUser !== undefined ? await clientCertificateAuthority() : undefined;
  const clientCertificate =
    clientCa && clientUser !== undefined ? await issueClientCertificate(clientCa, clientUser) : undefined;
  // A certificate that does not verify is not refused in the handshake: the request gets the
  // API server's 401, as kube-apiserver answers it.
  const tlsOptions = clientCa
    ? { ...certificate, ca: clientCa.cert, requestCert: true, rejectUnauthorized: false }
    : certificate;
  const server: Server = tlsOptions ? createTlsServer(tlsOptions, onRequest) : createServer(onRequest);
  server.on(certificate ? 'secureConnection' : 'connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const address = server.address();
        if (address && typeof address === 'object') port = address.port;
        faults.emit('listening');
        resolve();
      });
    });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      logs.closeFollowers();
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      faults.watches.clear();
      if (!server.listening) {
        resolve();
        return;
      }
      server.close(() => resolve());
      faults.emit('gone');
    });

  await listen();
  if (options.seed ?? true) seedGpuCluster(put, logs, customGroups);

  const fake: FakeKube = {
    get url() {
      return `${certificate ? 'https' : 'http'}://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    token,
    caCertificate: certificate?.cert,
    clientCertificate,
    clientCa,
    store,
    catalog,
    logs,
    faults,
    access,
    requests,
    put,
    modify(apiVersion, kind, namespace, name, mutate) {
      const type = typeOf(apiVersion, kind);
      const current = store.get(type, namespace, name);
      if (!current) throw new ApiError(404, 'NotFound', `${type.plural} "${name}" not found`);
      const next = structuredClone(current);
      mutate(next);
      return store.update(type, next);
    },
    remove(apiVersion, kind, namespace, name) {
      return store.delete(typeOf(apiVersion, kind), namespace, name);
    },
    typeOf,
    disappear: stop,
    reappear: listen,
    close: stop,
  };
  holder.fake = fake;
  return fake;
}
