/**
 * A stand-in for the `vscode` module, so that the built extension can be loaded and activated in
 * plain Node: the few values activation reads are real (configuration defaults, a trusted
 * workspace, event emitters, URIs); everything else is a recording no-op that returns itself.
 */
import Module from 'node:module';
import path from 'node:path';

type Stub = ((...args: unknown[]) => unknown) & Record<PropertyKey, unknown>;

/** Every call made on the stub, by dotted name (`window.createOutputChannel`, …). */
export const calls: string[] = [];

function stub(name: string, overrides: Record<string, unknown> = {}): Stub {
  const children = new Map<PropertyKey, unknown>();
  const target = function () {} as unknown as Stub;
  return new Proxy(target, {
    get(_target, property) {
      if (property === 'then') return undefined;
      if (property === Symbol.toPrimitive) return () => `[vscode ${name}]`;
      if (typeof property === 'string' && property in overrides) return overrides[property];
      if (!children.has(property)) children.set(property, stub(`${name}.${String(property)}`));
      return children.get(property);
    },
    set(_target, property, value) {
      children.set(property, value);
      return true;
    },
    apply() {
      calls.push(name);
      return stub(`${name}()`);
    },
    construct() {
      calls.push(`new ${name}`);
      return stub(`new ${name}`);
    },
  });
}

class EventEmitter<T> {
  private readonly listeners = new Set<(value: T) => void>();
  readonly event = (listener: (value: T) => void) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(value: T): void {
    for (const listener of this.listeners) listener(value);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

interface StubUri {
  readonly scheme: string;
  readonly fsPath: string;
  readonly path: string;
  toString(): string;
}
const fileUri = (fsPath: string): StubUri => ({
  scheme: 'file',
  fsPath,
  path: fsPath,
  toString: () => `file://${fsPath}`,
});
const Uri = {
  file: fileUri,
  joinPath: (base: StubUri, ...parts: string[]) => fileUri(path.join(base.fsPath, ...parts)),
  parse: (text: string) => fileUri(text.replace(/^file:\/\//, '')),
};

const configuration = {
  get: <T>(_key: string, fallback?: T) => fallback,
  has: () => false,
  inspect: () => undefined,
  update: () => Promise.resolve(),
};

export const vscodeStub = stub('vscode', {
  version: '1.91.0',
  EventEmitter,
  Uri,
  workspace: stub('workspace', {
    isTrusted: true,
    workspaceFolders: [],
    getConfiguration: () => configuration,
  }),
});

/** Makes `require('vscode')` return the stub from now on, in this process. */
export function installVscodeStub(): void {
  const id = path.join(import.meta.dirname, '__vscode_stub__.cjs');
  const resolver = Module as unknown as {
    _resolveFilename(request: string, ...rest: unknown[]): string;
    _cache: Record<string, unknown>;
  };
  const resolve = resolver._resolveFilename.bind(resolver);
  resolver._resolveFilename = (request, ...rest) => (request === 'vscode' ? id : resolve(request, ...rest));
  const module = new Module(id);
  module.exports = vscodeStub;
  module.loaded = true;
  resolver._cache[id] = module;
}
