import type { PythonFileFacts } from '../facts/file-facts.ts';
import type { ModuleMap } from './module-map.ts';

/** Which workspace files import which, kept in step with the facts. */
export class ImportGraph {
  private readonly files: ReadonlyMap<string, PythonFileFacts>;
  private readonly modules: ModuleMap;
  private readonly imports = new Map<string, Set<string>>();
  private readonly importedBy = new Map<string, Set<string>>();

  constructor(files: ReadonlyMap<string, PythonFileFacts>, modules: ModuleMap) {
    this.files = files;
    this.modules = modules;
  }

  /** Recomputes every edge: after a file appears or disappears, imports may resolve differently. */
  rebuild(): void {
    this.imports.clear();
    this.importedBy.clear();
    for (const uri of this.files.keys()) this.refresh(uri);
  }

  /**
   * A new file: its own edges, and the edges of files whose imports mention its module's last
   * name (only those can now resolve to it).
   */
  added(uri: string): void {
    this.refresh(uri);
    const name = this.modules.moduleNameOf(uri)?.split('.').pop();
    if (!name) return;
    for (const [other, facts] of this.files) {
      if (other === uri) continue;
      const mentions = facts.imports.some(
        (i) =>
          i.module.split('.').includes(name) ||
          i.names.some((n) => n.name === name) ||
          (i.level > 0 && i.module === ''),
      );
      if (mentions) this.refresh(other);
    }
  }

  /** Recomputes the edges out of one file whose imports may have changed; true when they did. */
  refresh(uri: string): boolean {
    const previous = this.imports.get(uri);
    for (const target of previous ?? []) this.importedBy.get(target)?.delete(uri);
    const targets = new Set<string>();
    const facts = this.files.get(uri);
    for (const fact of facts?.imports ?? []) {
      const candidates =
        fact.names.length > 0
          ? fact.names.map((n) => `${fact.module ? `${fact.module}.` : ''}${n.name}`)
          : [];
      const target = this.modules.resolve(uri, fact.module, fact.level);
      if (target) targets.add(target);
      for (const submodule of candidates) {
        const found = this.modules.resolve(uri, submodule, fact.level);
        if (found) targets.add(found);
      }
    }
    targets.delete(uri);
    this.imports.set(uri, targets);
    for (const target of targets) {
      let set = this.importedBy.get(target);
      if (!set) this.importedBy.set(target, (set = new Set()));
      set.add(uri);
    }
    return (
      previous === undefined || previous.size !== targets.size || [...targets].some((t) => !previous.has(t))
    );
  }

  dependenciesOf(uri: string): string[] {
    return walk(uri, this.imports);
  }

  dependentsOf(uri: string): string[] {
    return walk(uri, this.importedBy);
  }
}

function walk(start: string, edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const seen = new Set<string>([start]);
  const queue = [start];
  const out: string[] = [];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const next of edges.get(current) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      out.push(next);
      queue.push(next);
    }
  }
  return out;
}
