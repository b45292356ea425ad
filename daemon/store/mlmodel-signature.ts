/**
 * An MLmodel `signature` as MLflow logs it (inputs and outputs are JSON strings holding column
 * specs `{name, type}` or tensor specs `{type: "tensor", "tensor-spec": {dtype, shape}}`), read
 * into the `{name, type, shape?}` entries of ModelRegistryMetadata.
 */
import type { TensorSpec } from '../api/contract.ts';

export interface ModelSignature {
  inputs: TensorSpec[];
  outputs: TensorSpec[];
}

export function readSignature(signature: unknown): ModelSignature | undefined {
  if (typeof signature !== 'object' || signature === null) return undefined;
  const { inputs, outputs } = signature as { inputs?: unknown; outputs?: unknown };
  const parsedInputs = readSpecs(inputs, 'input');
  const parsedOutputs = readSpecs(outputs, 'output');
  if (parsedInputs === undefined || parsedOutputs === undefined) return undefined;
  return { inputs: parsedInputs, outputs: parsedOutputs };
}

function readSpecs(value: unknown, role: 'input' | 'output'): TensorSpec[] | undefined {
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const specs: TensorSpec[] = [];
  for (const [index, entry] of list.entries()) {
    const spec = readSpec(entry, `${role}_${index}`);
    if (spec === undefined) return undefined;
    specs.push(spec);
  }
  return specs;
}

function readSpec(entry: unknown, fallbackName: string): TensorSpec | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { name, type, shape } = entry as { name?: unknown; type?: unknown; shape?: unknown };
  const tensor = (entry as { 'tensor-spec'?: { dtype?: unknown; shape?: unknown } })['tensor-spec'];
  const specName = typeof name === 'string' && name !== '' ? name : fallbackName;
  if (type === 'tensor' && tensor !== undefined) {
    if (typeof tensor.dtype !== 'string') return undefined;
    const spec: TensorSpec = { name: specName, type: tensor.dtype };
    const dims = readShape(tensor.shape);
    if (dims !== undefined) spec.shape = dims;
    return spec;
  }
  if (typeof type !== 'string' || type === '') return undefined;
  const spec: TensorSpec = { name: specName, type };
  const dims = readShape(shape);
  if (dims !== undefined) spec.shape = dims;
  return spec;
}

function readShape(shape: unknown): number[] | undefined {
  if (!Array.isArray(shape)) return undefined;
  return shape.every((d) => Number.isInteger(d) && (d as number) >= -1) ? (shape as number[]) : undefined;
}
