/**
 * Where well-known model servers listen and answer health checks, by default. The probe fix
 * uses this when a container declares no port, and to pick the readiness path.
 */
import type { Container } from '../../workloads/model.ts';

export interface ModelServerEndpoint {
  /** The server's name, for fix titles. */
  readonly server: string;
  /** Its default HTTP port. */
  readonly port: number;
  /** The path that answers 200 once the model is loaded; undefined when none is standard. */
  readonly readyPath: string | undefined;
}

interface KnownServer extends ModelServerEndpoint {
  readonly match: RegExp;
}

/** Ordered: the first match wins (Triton before KServe, since KServe images wrap Triton). */
const KNOWN_SERVERS: readonly KnownServer[] = [
  { server: 'Triton', match: /tritonserver|\btriton\b/i, port: 8000, readyPath: '/v2/health/ready' },
  { server: 'vLLM', match: /vllm/i, port: 8000, readyPath: '/health' },
  { server: 'SGLang', match: /sglang/i, port: 30000, readyPath: '/health' },
  {
    server: 'Text Generation Inference',
    match: /text-generation-inference|\btgi\b/i,
    port: 80,
    readyPath: '/health',
  },
  { server: 'TorchServe', match: /torchserve/i, port: 8080, readyPath: '/ping' },
  { server: 'MLServer', match: /mlserver/i, port: 8080, readyPath: '/v2/health/ready' },
  { server: 'KServe', match: /kserve/i, port: 8080, readyPath: '/v2/health/ready' },
  {
    server: 'TensorFlow Serving',
    match: /tensorflow[/_-]serving|tf-serving/i,
    port: 8501,
    readyPath: undefined,
  },
  { server: 'BentoML', match: /bentoml/i, port: 3000, readyPath: '/readyz' },
  { server: 'Ray Serve', match: /serve run|ray-ml.*serve/i, port: 8000, readyPath: '/-/healthz' },
  { server: 'Ollama', match: /ollama/i, port: 11434, readyPath: '/' },
  { server: 'LMDeploy', match: /lmdeploy/i, port: 23333, readyPath: undefined },
  { server: 'uvicorn', match: /\buvicorn\b/i, port: 8000, readyPath: undefined },
  { server: 'gunicorn', match: /gunicorn/i, port: 8000, readyPath: undefined },
];

/** `--port 9000`, `--port=9000`, `--http-port 9000` in the command or args. */
function portFlag(command: readonly string[]): number | undefined {
  const text = command.join(' ');
  const match = /--(?:http-)?port(?:=|\s+)(\d{2,5})\b/.exec(text);
  const port = match?.[1] ? Number(match[1]) : undefined;
  return port !== undefined && port > 0 && port < 65536 ? port : undefined;
}

export function knownModelServer(container: Container): ModelServerEndpoint | undefined {
  const text = `${container.image?.value ?? ''} ${container.command.join(' ')}`;
  return KNOWN_SERVERS.find((known) => known.match.test(text));
}

export interface ServingEndpoint {
  readonly port: number;
  readonly readyPath: string | undefined;
  /** Where the port came from; a `guess` makes the fix unsafe. */
  readonly portSource: 'containerPort' | 'flag' | 'server-default' | 'guess';
  readonly server: string | undefined;
}

/** The container's serving port and readiness path, from its spec first, then its server. */
export function servingEndpoint(container: Container): ServingEndpoint {
  const known = knownModelServer(container);
  const base = { readyPath: known?.readyPath, server: known?.server };
  const declared = container.ports[0];
  if (declared !== undefined) return { ...base, port: declared, portSource: 'containerPort' };
  const flag = portFlag(container.command);
  if (flag !== undefined) return { ...base, port: flag, portSource: 'flag' };
  if (known) return { ...base, port: known.port, portSource: 'server-default' };
  // KServe custom containers serve on 8080 unless told otherwise.
  return { ...base, port: 8080, portSource: 'guess' };
}
