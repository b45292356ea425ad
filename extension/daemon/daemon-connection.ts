/**
 * The extension's link to the local daemon: found through the discovery file and token of its
 * data directory, checked with a cheap call, and re-checked on a timer so a restarted daemon is
 * picked up again. The state drives the status bar and the views.
 */
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { EventEmitter } from 'vscode';
import type { Disposable, Event } from 'vscode';
import { MLFLOW_API_PREFIX, TOKEN_FILE } from '../../daemon/api/contract.ts';
import type { ErrorResponse } from '../../daemon/api/contract.ts';
import { readDiscovery } from '../../daemon/process/daemon-files.ts';
import type { LaunchResult } from './daemon-launcher.ts';

export type DaemonState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'connected'; readonly url: string; readonly version: string }
  | { readonly kind: 'unavailable'; readonly reason: string; readonly fix?: 'start' | 'nodePath' | 'log' }
  | { readonly kind: 'restricted' };

export interface DaemonConnectionOptions {
  readonly dataDir: () => string;
  /** Starts the daemon. */
  readonly launch?: () => Promise<LaunchResult>;
  /** Whether a check may start the daemon by itself (the start command always may). */
  readonly autoStart?: () => boolean;
}

const RECHECK_MS = 5_000;

function actorName(): string {
  try {
    return `${userInfo().username} (VS Code)`;
  } catch {
    return 'unknown (VS Code)';
  }
}

const ACTOR = actorName();

export class DaemonConnection implements Disposable {
  private readonly changed = new EventEmitter<DaemonState>();
  readonly onDidChangeState: Event<DaemonState> = this.changed.event;
  private current: DaemonState = { kind: 'connecting' };
  private token: string | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly dataDir: () => string;
  private readonly launch: (() => Promise<LaunchResult>) | undefined;
  private readonly autoStart: () => boolean;
  private launching: Promise<LaunchResult> | undefined;
  /** A failed start is not retried on every tick: the user fixes the cause, then restarts. */
  private launchFailed = false;

  constructor(options: DaemonConnectionOptions) {
    this.dataDir = options.dataDir;
    this.launch = options.launch;
    this.autoStart = options.autoStart ?? (() => true);
  }

  get state(): DaemonState {
    return this.current;
  }

  get directory(): string {
    return this.dataDir();
  }

  /** Where the event stream is, while connected. */
  get streamTarget(): { url: string; token: string } | undefined {
    return this.current.kind === 'connected' && this.token
      ? { url: this.current.url, token: this.token }
      : undefined;
  }

  /** Starts watching for the daemon. In a restricted workspace nothing is contacted. */
  start(trusted: boolean): void {
    if (!trusted) {
      this.set({ kind: 'restricted' });
      return;
    }
    // After activation returns: looking for (or starting) the daemon never delays the editor.
    setTimeout(() => void this.check(), 0);
    this.timer ??= setInterval(() => void this.check(), RECHECK_MS);
  }

  /** Forgets an earlier failed start (after the user changed a setting or asked to start). */
  retryLaunch(): void {
    this.launchFailed = false;
  }

  /** Looks for the daemon; starts it when none runs and `start` (or auto-start) allows. */
  async check(start = false): Promise<DaemonState> {
    const dir = this.dataDir();
    let discovery = readDiscovery(dir);
    if (!discovery && this.launch && !this.launchFailed && (start || this.autoStart())) {
      this.set({ kind: 'connecting' });
      this.launching ??= this.launch().finally(() => (this.launching = undefined));
      const result = await this.launching;
      if (!result.ok) {
        this.launchFailed = true;
        this.set({ kind: 'unavailable', reason: result.reason, fix: result.fix });
        return this.current;
      }
      discovery = readDiscovery(dir);
    }
    if (!discovery) {
      if (this.current.kind !== 'unavailable' || !this.launchFailed)
        this.set({ kind: 'unavailable', reason: `No daemon is running for ${dir}.`, fix: 'start' });
      return this.current;
    }
    try {
      this.token = readFileSync(path.join(dir, TOKEN_FILE), 'utf8').trim();
      await this.request(
        'GET',
        `${MLFLOW_API_PREFIX}/experiments/search?max_results=1`,
        undefined,
        discovery.url,
      );
      this.set({ kind: 'connected', url: discovery.url, version: discovery.version });
    } catch (error) {
      this.set({
        kind: 'unavailable',
        reason: `The daemon at ${discovery.url} does not answer: ${String(error)}`,
      });
    }
    return this.current;
  }

  /** Calls the daemon. Throws when it is not connected or answers with an error. */
  async request<T>(
    method: 'GET' | 'POST' | 'PUT',
    pathAndQuery: string,
    body?: unknown,
    base?: string,
  ): Promise<T> {
    const url = base ?? (this.current.kind === 'connected' ? this.current.url : undefined);
    if (!url || !this.token) throw new Error('the daemon is not connected');
    const response = await fetch(new URL(pathAndQuery, url), {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        // The audit log names who asked (alias moves, deployments, rollbacks).
        'x-mlops-lens-actor': ACTOR,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const payload = (await response.json().catch(() => ({}))) as T & Partial<ErrorResponse>;
    if (!response.ok) throw new Error(payload.message ?? `HTTP ${response.status}`);
    return payload;
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.changed.dispose();
  }

  private set(state: DaemonState): void {
    const same = JSON.stringify(state) === JSON.stringify(this.current);
    this.current = state;
    if (!same) this.changed.fire(state);
  }
}
