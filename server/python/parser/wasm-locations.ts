import { fileURLToPath } from 'node:url';

/**
 * Where the two WebAssembly files live. The build copies both beside the bundles in `dist/`, so
 * by default they are looked up next to the running module. Tests and other hosts pass them
 * explicitly (a path or the bytes).
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
