import type { PythonFileFacts } from '../facts/file-facts.ts';
import type { StaticValue } from '../facts/static-value.ts';
import { concatenate, foldBinary } from '../extract/static-evaluator.ts';
import { foldPathJoin, normalisePath } from '../extract/path-values.ts';
import type { ModuleMap } from './module-map.ts';

const MAX_DEPTH = 16;

/**
 * Resolves the symbolic parts of a value (`ref`s to imported names) through the workspace's
 * facts, then folds what became known. Paths built from `__file__` become paths relative to the
 * workspace root (the assumed working directory) so both sides of a pair compare.
 */
export class ValueResolver {
  private readonly files: ReadonlyMap<string, PythonFileFacts>;
  private readonly modules: ModuleMap;

  constructor(files: ReadonlyMap<string, PythonFileFacts>, modules: ModuleMap) {
    this.files = files;
    this.modules = modules;
  }

  resolve(uri: string, value: StaticValue, depth = 0): StaticValue {
    if (depth > MAX_DEPTH) return value;
    switch (value.kind) {
      case 'ref':
        return this.resolveRef(uri, value, depth);
      case 'list':
      case 'tuple':
        return { kind: value.kind, items: value.items.map((item) => this.resolve(uri, item, depth + 1)) };
      case 'dict':
        return {
          kind: 'dict',
          entries: value.entries.map((e) => ({
            key: this.resolve(uri, e.key, depth + 1),
            value: this.resolve(uri, e.value, depth + 1),
          })),
        };
      case 'concat':
        return concatenate(value.parts.map((part) => this.resolve(uri, part, depth + 1)));
      case 'path-join': {
        const parts = value.parts.map((part) => this.resolve(uri, part, depth + 1));
        return this.rootRelative(uri, foldPathJoin(parts, value.base));
      }
      case 'binary': {
        const left = this.resolve(uri, value.left, depth + 1);
        const right = this.resolve(uri, value.right, depth + 1);
        if (value.op === '/' && (left.kind === 'path' || left.kind === 'path-join'))
          return this.rootRelative(uri, foldPathJoin([left, right], left.base));
        return foldBinary(value.op, left, right) ?? { ...value, left, right };
      }
      case 'path':
        return this.rootRelative(uri, value);
      default:
        return value;
    }
  }

  private resolveRef(uri: string, ref: Extract<StaticValue, { kind: 'ref' }>, depth: number): StaticValue {
    const target =
      this.modules.resolve(uri, ref.module, ref.level) ??
      this.modules.resolve(uri, `${ref.module}.${ref.name}`, ref.level);
    const facts = target ? this.files.get(target) : undefined;
    if (!target || !facts) return ref;
    const constant = facts.constants.findLast((c) => c.name === ref.name);
    if (constant) return this.resolve(target, constant.value, depth + 1);
    for (const fact of facts.imports) {
      const imported = fact.names.find((n) => (n.alias ?? n.name) === ref.name);
      if (imported && fact.scope === null)
        return this.resolveRef(
          target,
          { kind: 'ref', module: fact.module, name: imported.name, level: fact.level },
          depth + 1,
        );
    }
    return ref;
  }

  private rootRelative(uri: string, value: StaticValue): StaticValue {
    if (value.kind !== 'path' || value.base !== 'file-dir') return value;
    const folder = this.modules.folderOf(uri);
    const path =
      value.value === '__file__'
        ? '__file__'
        : normalisePath(folder ? `${folder}/${value.value}` : value.value);
    return { kind: 'path', value: path, base: 'cwd' };
  }
}
