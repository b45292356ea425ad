import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoadedConfig } from '../config/load-config.ts';
import { DEFAULT_CONFIG, loadConfig } from '../config/load-config.ts';
import { CONFIG_FILE_NAME } from '../config/model.ts';

/** The configuration for a check: `--config FILE`, else the nearest `.mlops-lens.yaml` upwards. */
export function findConfig(
  explicit: string | undefined,
  start: string,
): { config: LoadedConfig; root: string } {
  if (explicit) {
    const file = path.resolve(explicit);
    if (!existsSync(file)) throw new Error(`Configuration file not found: ${explicit}`);
    return {
      config: loadConfig(pathToFileURL(file).href, readFileSync(file, 'utf8')),
      root: path.dirname(file),
    };
  }
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) {
      return {
        config: loadConfig(pathToFileURL(candidate).href, readFileSync(candidate, 'utf8')),
        root: dir,
      };
    }
    const parent = path.dirname(dir);
    if (parent === dir || existsSync(path.join(dir, '.git'))) break;
    dir = parent;
  }
  return { config: DEFAULT_CONFIG, root: path.resolve(start) };
}
