import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the two WebAssembly files live. The build copies both beside the bundles in `dist/`, so
 * by default they are looked up next to the running module; when running from source they come
 * from node_modules. Tests and other hosts can pass them explicitly (a path or the bytes).
 */
export interface WasmLocations {
  /** web-tree-sitter's runtime, `tree-sitter.wasm`. */
  readonly runtime: string | Uint8Array;
  /** The Python grammar, `tree-sitter-python.wasm`. */
  readonly python: string | Uint8Array;
}

/** The files beside the module that is running (the bundle in `dist/`). */
export function wasmLocationsBesideModule(moduleUrl: string): WasmLocations {
  return {
    runtime: fileURLToPath(new URL('./tree-sitter.wasm', moduleUrl)),
    python: fileURLToPath(new URL('./tree-sitter-python.wasm', moduleUrl)),
  };
}

/** The files as installed in node_modules, resolved from `moduleUrl`; null when not installed. */
export function wasmLocationsInNodeModules(moduleUrl: string): WasmLocations | null {
  try {
    const require = createRequire(moduleUrl);
    return {
      runtime: path.join(path.dirname(require.resolve('web-tree-sitter')), 'tree-sitter.wasm'),
      python: require.resolve('tree-sitter-python/tree-sitter-python.wasm'),
    };
  } catch {
    return null;
  }
}

/** Beside the running module when the files are there (a bundle), else from node_modules (sources). */
export function defaultWasmLocations(moduleUrl: string): WasmLocations {
  const beside = wasmLocationsBesideModule(moduleUrl);
  if (typeof beside.runtime === 'string' && existsSync(beside.runtime)) return beside;
  return wasmLocationsInNodeModules(moduleUrl) ?? beside;
}

/** Throws a readable error for a path that does not exist, before the WebAssembly loader aborts on it. */
export function assertWasmFilesExist(locations: WasmLocations): void {
  for (const file of [locations.runtime, locations.python]) {
    if (typeof file === 'string' && !existsSync(file)) {
      throw new Error(
        `WebAssembly file not found: ${file} (the build copies it into dist/ beside the bundle)`,
      );
    }
  }
}
