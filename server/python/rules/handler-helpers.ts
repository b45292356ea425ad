/** The functions a request handler calls directly: they run once per request too. */
import type { PythonFileFacts } from '../facts/file-facts.ts';
import type { HandlerFact } from '../facts/serving.ts';

const CACHING_DECORATOR = /(^|\.)(lru_cache|cache|cached|cache_resource|cache_data)\b/;

/** Helper functions a handler calls directly, by qualified name → the handler (cached ones left out). */
export function helpersOf(
  facts: PythonFileFacts,
  handlers: readonly HandlerFact[],
): Map<string, HandlerFact> {
  const byName = new Map(facts.functions.map((f) => [f.qualifiedName, f]));
  const out = new Map<string, HandlerFact>();
  for (const handler of handlers) {
    const fn = byName.get(handler.name);
    for (const call of fn?.calls ?? []) {
      const name =
        call.startsWith('self.') && handler.className ? `${handler.className}.${call.slice(5)}` : call;
      const helper = byName.get(name);
      if (helper && !helper.decorators.some((d) => CACHING_DECORATOR.test(d)))
        out.set(helper.qualifiedName, handler);
    }
  }
  return out;
}

export function hasCachingDecorator(decorators: readonly string[]): boolean {
  return decorators.some((d) => CACHING_DECORATOR.test(d));
}
