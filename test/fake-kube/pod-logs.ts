import type { ServerResponse } from 'node:http';
import { ApiError, badRequest } from './api-status.ts';
import { valueAtPath, type KubeObject } from './kube-object.ts';

interface ContainerLog {
  current: string[];
  previous: string[] | undefined;
  followers: Set<ServerResponse>;
}

/**
 * The log lines of each container: the running one's and, after a restart, the terminated
 * one's (`previous=true`). `append` feeds `follow=true` readers live.
 */
export class PodLogs {
  private readonly logs = new Map<string, ContainerLog>();

  private entry(namespace: string, pod: string, container: string): ContainerLog {
    const key = `${namespace}/${pod}/${container}`;
    let log = this.logs.get(key);
    if (!log) {
      log = { current: [], previous: undefined, followers: new Set() };
      this.logs.set(key, log);
    }
    return log;
  }

  set(namespace: string, pod: string, container: string, current: string[], previous?: string[]): void {
    const log = this.entry(namespace, pod, container);
    log.current = [...current];
    log.previous = previous ? [...previous] : undefined;
  }

  append(namespace: string, pod: string, container: string, line: string): void {
    const log = this.entry(namespace, pod, container);
    log.current.push(line);
    for (const follower of log.followers) follower.write(`${line}\n`);
  }

  /** A restart: the current lines become the previous container's. */
  restart(namespace: string, pod: string, container: string): void {
    const log = this.entry(namespace, pod, container);
    log.previous = log.current;
    log.current = [];
  }

  /** Serves /api/v1/namespaces/{ns}/pods/{name}/log. */
  serve(pod: KubeObject, query: URLSearchParams, response: ServerResponse): void {
    const namespace = pod.metadata.namespace ?? '';
    const name = pod.metadata.name;
    const containers = (
      (valueAtPath(pod, ['spec', 'containers']) as { name: string }[] | undefined) ?? []
    ).map((c) => c.name);
    let container = query.get('container') ?? '';
    if (container === '') {
      if (containers.length !== 1) {
        throw badRequest(
          `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`,
        );
      }
      container = containers[0] as string;
    } else if (!containers.includes(container)) {
      throw badRequest(`container ${container} is not valid for pod ${name}`);
    }
    const log = this.entry(namespace, name, container);
    const previous = query.get('previous') === 'true';
    if (previous && !log.previous) {
      throw new ApiError(
        400,
        'BadRequest',
        `previous terminated container "${container}" in pod "${name}" not found`,
      );
    }
    const tailText = query.get('tailLines');
    const tail = tailText !== null ? Number(tailText) : undefined;
    if (tail !== undefined && (!Number.isInteger(tail) || tail < 0))
      throw badRequest(`invalid tailLines: ${tailText}`);
    const lines = previous ? (log.previous ?? []) : log.current;
    const shown = tail !== undefined ? lines.slice(Math.max(0, lines.length - tail)) : lines;
    response.writeHead(200, { 'Content-Type': 'text/plain' });
    for (const line of shown) response.write(`${line}\n`);
    if (query.get('follow') === 'true' && !previous) {
      log.followers.add(response);
      response.on('close', () => log.followers.delete(response));
      return;
    }
    response.end();
  }

  /** Ends every follow stream (the server is going away). */
  closeFollowers(): void {
    for (const log of this.logs.values()) {
      for (const follower of log.followers) follower.end();
      log.followers.clear();
    }
  }
}
