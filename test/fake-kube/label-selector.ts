import { badRequest } from './api-status.ts';

/** One requirement of a label selector: `app=x`, `tier!=db`, `env in (a,b)`, `gpu`, `!spot`. */
export interface LabelRequirement {
  key: string;
  operator: 'in' | 'notin' | 'exists' | 'doesnotexist';
  values: string[];
}

const KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/** Splits on commas outside parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms.map((t) => t.trim()).filter((t) => t !== '');
}

function checked(key: string, values: string[], term: string): void {
  if (!KEY.test(key))
    throw badRequest(`unable to parse requirement: invalid label key "${key}" in "${term}"`);
  for (const value of values) {
    if (!VALUE.test(value) || value.length > 63) {
      throw badRequest(`unable to parse requirement: invalid label value "${value}" in "${term}"`);
    }
  }
}

/** Parses the `labelSelector` query parameter; a malformed one is a 400 naming the bad term. */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  return splitTerms(selector).map((term) => {
    const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
    if (set) {
      const values = (set[3] ?? '').split(',').map((v) => v.trim());
      checked(set[1] as string, values, term);
      return { key: set[1] as string, operator: set[2] as 'in' | 'notin', values };
    }
    const equality = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
    if (equality) {
      const key = equality[1] as string;
      const value = equality[3] as string;
      checked(key, [value], term);
      return { key, operator: equality[2] === '!=' ? 'notin' : 'in', values: [value] };
    }
    const absent = /^!\s*(\S+)$/.exec(term);
    if (absent) {
      checked(absent[1] as string, [], term);
      return { key: absent[1] as string, operator: 'doesnotexist', values: [] };
    }
    if (/^\S+$/.test(term) && !/[()=!]/.test(term)) {
      checked(term, [], term);
      return { key: term, operator: 'exists', values: [] };
    }
    throw badRequest(`unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=`);
  });
}

export function labelsMatch(
  requirements: readonly LabelRequirement[],
  labels: Record<string, string> | undefined,
): boolean {
  return requirements.every(({ key, operator, values }) => {
    const value = labels?.[key];
    switch (operator) {
      case 'in':
        return value !== undefined && values.includes(value);
      case 'notin':
        return value === undefined || !values.includes(value);
      case 'exists':
        return value !== undefined;
      case 'doesnotexist':
        return value === undefined;
    }
  });
}
