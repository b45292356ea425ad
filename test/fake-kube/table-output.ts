import type { KubeObject } from './kube-object.ts';
import { columnDefinitions, columnsFor } from './table-columns.ts';

/** The Accept value with which kubectl asks for server-side printing. */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => /as=Table/.test(part) && /g=meta\.k8s\.io/.test(part));
}

export interface TableOptions {
  /** `includeObject`: None, Metadata (default) or Object. */
  includeObject: string;
  withColumns: boolean;
}

function rowObject(object: KubeObject, includeObject: string): unknown {
  if (includeObject === 'None') return undefined;
  if (includeObject === 'Object') return object;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}

/** A meta.k8s.io/v1 Table of objects of one kind. */
export function toTable(
  kind: string,
  objects: readonly KubeObject[],
  listMetadata: Record<string, unknown>,
  options: TableOptions,
): KubeObject {
  const now = Date.now();
  const columns = columnsFor(kind);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMetadata as KubeObject['metadata'],
    columnDefinitions: options.withColumns ? columnDefinitions(kind) : [],
    rows: objects.map((object) => {
      const row = rowObject(object, options.includeObject);
      return { cells: columns.map((column) => column.cell(object, now)), ...(row ? { object: row } : {}) };
    }),
  };
}
