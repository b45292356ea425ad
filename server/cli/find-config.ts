import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoadedConfig } from '../config/load-config.ts';
import { DEFAULT_CONFIG, loadConfig } from '../config/load-config.ts';
import { CONFIG_FILE_NAME } from '../config/model.ts';

/** A configuration and the folder it applies to (its own folder, or the check's root). */
export interface ScopedConfig {
  readonly config: LoadedConfig;
  readonly root: string;
}

function load(file: string): ScopedConfig {
  return {
    config: loadConfig(pathToFileURL(file).href, readFileSync(file, 'utf8')),
    root: path.dirname(file),
  };
}

export function explicitConfig(file: string): ScopedConfig {
  const full = path.resolve(file);
  if (!existsSync(full)) throw new Error(`Configuration file not found: ${file}`);
  return load(full);
}

/**
 * Finds the nearest `.mlops-lens.yaml` for each file, as ESLint does: the file's folder, then
 * each parent, stopping at a repository root (`.git`). Lookups are cached per folder.
 */
export class ConfigResolver {
  private readonly byDir = new Map<string, ScopedConfig | undefined>();
  private readonly fallback: ScopedConfig;

  constructor(fallbackRoot: string) {
    this.fallback = { config: DEFAULT_CONFIG, root: fallbackRoot };
  }

  forFile(file: string): ScopedConfig {
    return this.forDir(path.dirname(path.resolve(file))) ?? this.fallback;
  }

  private forDir(dir: string): ScopedConfig | undefined {
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    let found: ScopedConfig | undefined;
    if (existsSync(candidate)) found = load(candidate);
    else {
      const parent = path.dirname(dir);
      found = parent === dir || existsSync(path.join(dir, '.git')) ? undefined : this.forDir(parent);
    }
    this.byDir.set(dir, found);
    return found;
  }
}
