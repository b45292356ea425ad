import type { PythonFileFacts } from '../facts/file-facts.ts';
import type { StaticValue } from '../facts/static-value.ts';
import { artifactKeysMatch } from './artifact-paths.ts';
import { ImportGraph } from './import-graph.ts';
import { ModuleMap } from './module-map.ts';
import { pairSidesOf, type PairSides, type SideEntry } from './pair-sides.ts';
import {
  pairKey,
  type ExplicitPair,
  type PairLink,
  type TrainingServingPair,
} from './training-serving-pair.ts';
import { ValueResolver } from './value-resolver.ts';

export interface WorkspaceIndexOptions {
  /** Workspace folder URIs; module names and root-relative paths are computed against them. */
  readonly roots: readonly string[];
  readonly explicitPairs?: readonly ExplicitPair[];
}

/** What an update changed: the pairs to re-check, and the keys of pairs that no longer exist. */
export interface PairChange {
  readonly affected: readonly TrainingServingPair[];
  readonly removed: readonly string[];
}

/**
 * Holds the facts of every Python file and notebook in the workspace, resolves imports and
 * constants across them, and pairs training files with serving files. Pure: the caller reads
 * files and feeds facts in.
 */
export class PythonWorkspaceIndex {
  private readonly files = new Map<string, PythonFileFacts>();
  private readonly modules: ModuleMap;
  private readonly resolver: ValueResolver;
  private readonly graph: ImportGraph;
  private readonly sides = new Map<string, PairSides>();
  private explicit: readonly ExplicitPair[];
  private pairCache: Map<string, TrainingServingPair> | null = null;

  constructor(options: WorkspaceIndexOptions) {
    this.modules = new ModuleMap(options.roots);
    this.resolver = new ValueResolver(this.files, this.modules);
    this.graph = new ImportGraph(this.files, this.modules);
    this.explicit = options.explicitPairs ?? [];
  }

  get(uri: string): PythonFileFacts | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  /** Adds or replaces a file's facts. Returns the pairs whose checks must run again. */
  update(facts: PythonFileFacts): PairChange {
    const before = this.pairMap();
    const isNew = !this.files.has(facts.uri);
    const touched = isNew ? [] : [facts.uri, ...this.graph.dependentsOf(facts.uri)];
    const sidesBefore = touched.map((uri) => sidesKey(this.sidesOf(uri)));
    this.files.set(facts.uri, facts);
    let edgesChanged = true;
    if (isNew) {
      this.modules.add(facts.uri);
      this.graph.added(facts.uri);
    } else edgesChanged = this.graph.refresh(facts.uri);
    for (const uri of touched) this.sides.delete(uri);
    // An edit that changes neither imports nor what the file saves, loads or registers (the
    // common case while typing) leaves the pairs as they are: only re-check the ones it is in.
    if (!edgesChanged && touched.every((uri, i) => sidesKey(this.sidesOf(uri)) === sidesBefore[i])) {
      return {
        affected: [...before.values()].filter(
          (pair) => pair.trainingFiles.includes(facts.uri) || pair.servingFiles.includes(facts.uri),
        ),
        removed: [],
      };
    }
    this.invalidateSides(facts.uri);
    return this.diff(before, facts.uri);
  }

  /**
   * Adds or replaces many files at once (the first scan of a workspace): the import graph and
   * the pairs are computed once at the end. Every resulting pair is returned as affected.
   */
  updateMany(all: readonly PythonFileFacts[]): PairChange {
    const before = new Set(this.pairMap().keys());
    for (const facts of all) {
      if (!this.files.has(facts.uri)) this.modules.add(facts.uri);
      this.files.set(facts.uri, facts);
    }
    this.graph.rebuild();
    this.sides.clear();
    this.pairCache = null;
    const after = this.pairMap();
    return { affected: [...after.values()], removed: [...before].filter((key) => !after.has(key)) };
  }

  remove(uri: string): PairChange {
    if (!this.files.has(uri)) return { affected: [], removed: [] };
    const before = this.pairMap();
    const dependents = this.graph.dependentsOf(uri);
    this.files.delete(uri);
    this.modules.remove(uri);
    this.graph.rebuild();
    this.sides.delete(uri);
    for (const dependent of dependents) this.sides.delete(dependent);
    this.pairCache = null;
    return this.diff(before, uri);
  }

  setExplicitPairs(pairs: readonly ExplicitPair[]): PairChange {
    const before = this.pairMap();
    this.explicit = pairs;
    this.pairCache = null;
    return this.diff(before, null);
  }

  /** Resolves imported names (and what is built from them) in a value seen in `uri`. */
  resolve(uri: string, value: StaticValue): StaticValue {
    return this.resolver.resolve(uri, value);
  }

  /** The workspace file an import in `uri` refers to. */
  resolveImport(uri: string, module: string, level: number): string | null {
    return this.modules.resolve(uri, module, level);
  }

  moduleNameOf(uri: string): string | null {
    return this.modules.moduleNameOf(uri);
  }

  /** Workspace files `uri` imports, directly or through other workspace modules. */
  dependenciesOf(uri: string): string[] {
    return this.graph.dependenciesOf(uri);
  }

  /** Workspace files that import `uri`, directly or indirectly. */
  dependentsOf(uri: string): string[] {
    return this.graph.dependentsOf(uri);
  }

  pairs(): TrainingServingPair[] {
    return [...this.pairMap().values()];
  }

  /** The pairs a change to `uri` can change the findings of. */
  pairsAffectedBy(uri: string): TrainingServingPair[] {
    return this.pairs().filter((pair) => pair.trainingFiles.includes(uri) || pair.servingFiles.includes(uri));
  }

  private invalidateSides(uri: string): void {
    this.sides.delete(uri);
    for (const dependent of this.graph.dependentsOf(uri)) this.sides.delete(dependent);
    this.pairCache = null;
  }

  private sidesOf(uri: string): PairSides {
    let sides = this.sides.get(uri);
    const facts = this.files.get(uri);
    if (!sides && facts) this.sides.set(uri, (sides = pairSidesOf(facts, this.resolver)));
    return sides ?? { saves: [], loads: [], registers: [], loadsRegistered: [] };
  }

  private diff(before: ReadonlyMap<string, TrainingServingPair>, changed: string | null): PairChange {
    const after = this.pairMap();
    const affected = [...after.values()].filter((pair) => {
      const old = before.get(pair.key);
      if (!old || JSON.stringify(old) !== JSON.stringify(pair)) return true;
      return (
        changed !== null && (pair.trainingFiles.includes(changed) || pair.servingFiles.includes(changed))
      );
    });
    const removed = [...before.keys()].filter((key) => !after.has(key));
    return { affected, removed };
  }

  private pairMap(): Map<string, TrainingServingPair> {
    if (this.pairCache) return this.pairCache;
    const links = new Map<string, { training: string; serving: string; links: PairLink[] }>();
    const addLink = (training: string, serving: string, link: PairLink): void => {
      if (training === serving) return;
      for (const entry of this.servingEntries(serving)) {
        if (entry === training) continue;
        const key = pairKey(training, entry);
        let pair = links.get(key);
        if (!pair) links.set(key, (pair = { training, serving: entry, links: [] }));
        pair.links.push(link);
      }
    };
    this.linkArtifacts(addLink);
    for (const { training, serving } of this.explicitMatches())
      addLink(training, serving, { kind: 'explicit' });
    const map = new Map<string, TrainingServingPair>();
    for (const [key, pair] of links) {
      map.set(key, {
        key,
        ...pair,
        trainingFiles: [pair.training, ...this.graph.dependenciesOf(pair.training)],
        servingFiles: [pair.serving, ...this.graph.dependenciesOf(pair.serving)],
      });
    }
    this.pairCache = map;
    return map;
  }

  private linkArtifacts(addLink: (training: string, serving: string, link: PairLink) => void): void {
    const loadsByName = new Map<string, ArtifactLoad[]>();
    const globLoads: ArtifactLoad[] = [];
    const registeredLoads = new Map<string, { uri: string; entry: SideEntry }[]>();
    for (const uri of this.files.keys()) {
      const sides = this.sidesOf(uri);
      for (const entry of sides.loads) {
        const name = baseName(entry.key);
        const load = { uri, entry, tail: lastTwoSegments(entry.key) };
        if (name.includes('*')) globLoads.push(load);
        else pushTo(loadsByName, name, load);
      }
      for (const entry of sides.loadsRegistered) pushTo(registeredLoads, entry.key, { uri, entry });
    }
    for (const uri of this.files.keys()) {
      if (this.files.get(uri)?.role === 'serving') continue;
      const sides = this.sidesOf(uri);
      for (const save of sides.saves) {
        const name = baseName(save.key);
        const tail = lastTwoSegments(save.key);
        const candidates = name.includes('*')
          ? [...[...loadsByName.values()].flat(), ...globLoads]
          : [loadsByName.get(name) ?? [], globLoads].flat();
        for (const load of candidates) {
          // Paths of two segments or more name the same artifact only if their last two are equal.
          if (tail !== null && load.tail !== null && tail !== load.tail) continue;
          if (!artifactKeysMatch(save.key, load.entry.key)) continue;
          addLink(uri, load.uri, {
            kind: 'artifact',
            path: save.key,
            save: { uri, range: save.range },
            load: { uri: load.uri, range: load.entry.range },
          });
        }
      }
      for (const register of sides.registers) {
        for (const load of registeredLoads.get(register.key) ?? []) {
          addLink(uri, load.uri, {
            kind: 'registered-model',
            name: register.key,
            save: { uri, range: register.range },
            load: { uri: load.uri, range: load.entry.range },
          });
        }
      }
    }
  }

  /** A loading file is the serving side itself, or a helper imported by serving files. */
  private servingEntries(loader: string): string[] {
    const role = this.files.get(loader)?.role;
    if (role === 'serving' || role === 'both') return [loader];
    return this.graph.dependentsOf(loader).filter((uri) => {
      const dependentRole = this.files.get(uri)?.role;
      return dependentRole === 'serving' || dependentRole === 'both';
    });
  }

  private explicitMatches(): { training: string; serving: string }[] {
    const out: { training: string; serving: string }[] = [];
    for (const pair of this.explicit) {
      const training = this.matchFiles(pair.training);
      const serving = this.matchFiles(pair.serving);
      for (const t of training) for (const s of serving) if (t !== s) out.push({ training: t, serving: s });
    }
    return out;
  }

  private matchFiles(patterns: readonly string[]): string[] {
    const matchers = patterns.map(fileMatcher);
    return [...this.files.keys()].filter((uri) => {
      const relative = this.modules.relativePathOf(uri);
      return matchers.some((matches) => matches(uri, relative));
    });
  }
}

function fileMatcher(pattern: string): (uri: string, relative: string) => boolean {
  if (pattern.includes('://')) return (uri) => uri === pattern;
  const clean = pattern.replace(/^\.\//, '');
  const source = clean
    .split(/(\*\*\/?|\*)/)
    .map((part) =>
      part.startsWith('**')
        ? '(?:.*/)?'
        : part === '*'
          ? '[^/]*'
          : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  const regex = new RegExp(`^${source}$`);
  return (_uri, relative) => regex.test(relative);
}

function sidesKey(sides: PairSides): string {
  const keys = (entries: readonly SideEntry[]) =>
    entries.map((e) => `${e.key}@${e.range.start.line}:${e.range.start.character}`).join('\u0000');
  return [keys(sides.saves), keys(sides.loads), keys(sides.registers), keys(sides.loadsRegistered)].join(
    '\u0001',
  );
}

/** A load of an artifact by path, with the last two segments of a plain path of two or more. */
interface ArtifactLoad {
  readonly uri: string;
  readonly entry: SideEntry;
  readonly tail: string | null;
}

/** `b/c` of `a/b/c`; null for a glob or a single segment. */
function lastTwoSegments(key: string): string | null {
  if (key.includes('*')) return null;
  const last = key.lastIndexOf('/');
  if (last === -1) return null;
  return key.slice(last === 0 ? 0 : key.lastIndexOf('/', last - 1) + 1);
}

function baseName(key: string): string {
  const slash = key.lastIndexOf('/');
  return slash === -1 ? key : key.slice(slash + 1);
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
