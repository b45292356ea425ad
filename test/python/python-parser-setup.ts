import { createRequire } from 'node:module';
import path from 'node:path';
import { initPythonParser, PythonParser } from '../../server/python/parser/python-parser.ts';
import type { WasmLocations } from '../../server/python/parser/wasm-locations.ts';

const require = createRequire(import.meta.url);

/** The WebAssembly files straight from node_modules, so tests do not need a build. */
export const NODE_MODULES_WASM: WasmLocations = {
  runtime: path.join(path.dirname(require.resolve('web-tree-sitter')), 'tree-sitter.wasm'),
  python: require.resolve('tree-sitter-python/tree-sitter-python.wasm'),
};

export async function createTestParser(
  limits?: ConstructorParameters<typeof PythonParser>[0],
): Promise<PythonParser> {
  await initPythonParser(NODE_MODULES_WASM);
  return new PythonParser(limits);
}
