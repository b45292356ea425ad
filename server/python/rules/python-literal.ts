import type { StaticValue } from '../facts/static-value.ts';

/** The value as Python source, for the simple values a tokenizer setting takes. */
export function pythonLiteral(value: StaticValue): string | null {
  switch (value.kind) {
    case 'string':
      return JSON.stringify(value.value);
    case 'number':
      return String(value.value);
    case 'boolean':
      return value.value ? 'True' : 'False';
    case 'none':
      return 'None';
    default:
      return null;
  }
}
