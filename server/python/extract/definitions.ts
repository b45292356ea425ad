import type { Node } from 'web-tree-sitter';
import type { ClassFact, ConstantFact, FunctionFact, ParameterFact } from '../facts/file-facts.ts';
import { namedChildrenOf, rangeOf } from '../syntax/node-range.ts';
import type { FileContext } from './file-context.ts';

/** Module-level `NAME = <value>` whose value is (at least partly) known statically. */
export function extractConstants(context: FileContext): ConstantFact[] {
  const out: ConstantFact[] = [];
  for (const binding of context.bindings.moduleBindings()) {
    if (context.expired()) break;
    if (binding.element !== null || binding.statement.type !== 'assignment') continue;
    const left = binding.statement.childForFieldName('left');
    if (left?.type !== 'identifier') continue;
    const value = context.evaluate(binding.value, null);
    if (value.kind === 'unknown') continue;
    out.push({
      name: binding.name,
      value,
      range: rangeOf(binding.statement),
      nameRange: rangeOf(left),
      valueRange: rangeOf(binding.value),
    });
  }
  return out;
}

export function extractFunctions(context: FileContext): FunctionFact[] {
  const out: FunctionFact[] = [];
  for (const { node, scope } of context.buckets.functions) {
    const name = node.childForFieldName('name')?.text ?? '<anonymous>';
    const body = node.childForFieldName('body');
    const classNode = enclosingClass(node);
    const className = classNode?.childForFieldName('name')?.text ?? null;
    out.push({
      qualifiedName: scope ? `${scope}.${name}` : name,
      name,
      className,
      range: rangeOf(definitionWithDecorators(node)),
      bodyRange: rangeOf(body ?? node),
      parameters: parametersOf(node),
      decorators: decoratorsOf(node).map((d) => d.text.replace(/^@\s*/, '')),
      calls: [],
      isAsync: node.text.startsWith('async'),
    });
  }
  return out;
}

export function extractClasses(context: FileContext): ClassFact[] {
  return context.buckets.classes.map(({ node }) => {
    const superclasses = node.childForFieldName('superclasses');
    const bases = superclasses
      ? namedChildrenOf(superclasses).filter((b) => b.type !== 'keyword_argument')
      : [];
    return {
      name: node.childForFieldName('name')?.text ?? '<anonymous>',
      bases: bases.map((b) => context.qualify(b) ?? b.text),
      decorators: decoratorsOf(node).map((d) => d.text.replace(/^@\s*/, '')),
      range: rangeOf(definitionWithDecorators(node)),
      bodyRange: rangeOf(node.childForFieldName('body') ?? node),
    };
  });
}

export function parametersOf(functionNode: Node): ParameterFact[] {
  const parameters = functionNode.childForFieldName('parameters');
  if (!parameters) return [];
  const out: ParameterFact[] = [];
  for (const parameter of namedChildrenOf(parameters)) {
    let nameNode: Node | null = parameter;
    if (
      parameter.type === 'typed_parameter' ||
      parameter.type === 'list_splat_pattern' ||
      parameter.type === 'dictionary_splat_pattern'
    ) {
      nameNode = namedChildrenOf(parameter).find((c) => c.type === 'identifier') ?? null;
    } else if (parameter.type === 'default_parameter' || parameter.type === 'typed_default_parameter') {
      nameNode = parameter.childForFieldName('name');
    }
    if (nameNode?.type !== 'identifier') continue;
    const annotation = parameter.childForFieldName('type')?.text ?? null;
    out.push({ name: nameNode.text, annotation, range: rangeOf(parameter) });
  }
  return out;
}

/** The `@decorator` nodes of a function or class definition. */
export function decoratorsOf(definition: Node): Node[] {
  const parent = definition.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return namedChildrenOf(parent).filter((c) => c.type === 'decorator');
}

export function definitionWithDecorators(definition: Node): Node {
  const parent = definition.parent;
  return parent?.type === 'decorated_definition' ? parent : definition;
}

/** The class whose body directly holds this function, if any. */
export function enclosingClass(functionNode: Node): Node | null {
  let current = functionNode.parent;
  if (current?.type === 'decorated_definition') current = current.parent;
  if (current?.type !== 'block') return null;
  const owner = current.parent;
  return owner?.type === 'class_definition' ? owner : null;
}
