/**
 * A/B facts: the expressions that decide an arm (the value assigned to `arm`/`variant`/`model`,
 * the condition of the branch that assigns one, what an `assign_arm()`-like function returns),
 * what decides them (a random draw, a request counter, a hash, a caller id), and whether the
 * experiment's size was planned.
 */
import type { Node } from 'web-tree-sitter';
import type { AbTestingFacts, ArmPickFact, ArmPickRewrite, CallerIdFact } from '../facts/ab-testing.ts';
import {
  ARM_FUNCTION,
  ARM_NAME,
  CHOICE_DRAWS,
  FRACTION_DRAWS,
  MODEL_NAME,
  SAMPLE_SIZE_CALLS,
  SAMPLE_SIZE_NAME,
  isHashCall,
  drawKind,
  EXPLORATION,
} from '../catalog/ab-apis.ts';
import { namedChildrenOf, rangeOf, unwrapParentheses } from '../syntax/node-range.ts';
import { callerIdKind, extractCallerIds } from './caller-ids.ts';
import { lastSegment, type FileContext } from './file-context.ts';

/** An expression whose value decides an arm. `armNamed`: an arm, not just a model variable. */
interface Region {
  readonly node: Node;
  readonly decides: string;
  readonly scope: string | null;
  readonly armNamed: boolean;
}

/** The name an assignment target stands for: `arm`, `self.arm` → `arm`, `df["arm"]` → `arm`. */
function targetName(left: Node): string | null {
  if (left.type === 'identifier') return left.text;
  if (left.type === 'attribute') return left.childForFieldName('attribute')?.text ?? null;
  if (left.type === 'subscript') {
    const key = left.childForFieldName('subscript');
    return key?.type === 'string' ? key.text.replace(/^[rbuf]*["']+|["']+$/gi, '') : null;
  }
  return null;
}

/** The conditions of the `if`/`elif` branches (and conditional expressions) around `node`. */
function guardingConditions(node: Node): Node[] {
  const out: Node[] = [];
  let child = node;
  for (let current = node.parent, i = 0; current && i < 40; current = current.parent, i++) {
    if (current.type === 'function_definition' || current.type === 'class_definition') break;
    const condition = current.childForFieldName('condition');
    if (current.type === 'if_statement' || current.type === 'elif_clause') {
      if (condition && condition.id !== child.id) out.push(condition);
    }
    if (current.type === 'conditional_expression') {
      const parts = namedChildrenOf(current);
      if (parts[1] && parts[1].id !== child.id) out.push(parts[1]);
    }
    child = current;
  }
  return out;
}

const GROUP_ONLY = /^(?:\w*_)?groups?$/i;

/** Whether a random pick is written in `node` (cheap: by its callees, through the call cache). */
function randomIn(node: Node, context: FileContext): boolean {
  return node
    .descendantsOfType('call')
    .some((call) => call !== null && drawKind(context.callee(call)) === 'pick');
}

function collectRegions(context: FileContext): Region[] {
  const regions: Region[] = [];
  const add = (node: Node | null, decides: string, scope: string | null, armNamed: boolean): void => {
    if (!node || EXPLORATION.test(decides) || EXPLORATION.test(node.text)) return;
    regions.push({ node, decides, scope, armNamed });
  };
  for (const { node, scope } of context.buckets.assignments) {
    const left = node.childForFieldName('left');
    const name = left ? targetName(left) : null;
    if (!left || !name || !(ARM_NAME.test(name) || MODEL_NAME.test(name))) continue;
    // `groups = assign_groups(df)` feeds GroupKFold: a hashed "group" alone is no arm.
    const armNamed = ARM_NAME.test(name) && !(GROUP_ONLY.test(name) && !randomIn(node, context));
    add(node.childForFieldName('right'), left.text, scope, armNamed);
    for (const condition of guardingConditions(node)) add(condition, left.text, scope, armNamed);
  }
  for (const { node, scope } of context.buckets.calls) {
    if (!/\.predict(_proba)?$/.test(context.callee(node))) continue;
    const callee = node.childForFieldName('function');
    const receiver = callee?.childForFieldName('object')?.text ?? callee?.text ?? 'the model';
    for (const condition of guardingConditions(node)) add(condition, receiver, scope, false);
  }
  for (const { node, scope } of context.buckets.functions) {
    const name = node.childForFieldName('name')?.text ?? '';
    if (!ARM_FUNCTION.test(name)) continue;
    const qualified = scope ? `${scope}.${name}` : name;
    const body = node.childForFieldName('body');
    const armNamed = !/groups?$/i.test(name) || (body !== null && randomIn(body, context));
    for (const ret of body?.descendantsOfType('return_statement') ?? []) {
      if (!ret) continue;
      add(ret.firstNamedChild, `${name}()`, qualified, armNamed);
      for (const condition of guardingConditions(ret)) add(condition, `${name}()`, qualified, armNamed);
    }
  }
  return regions;
}

/** `x` in `x = itertools.count()`, and `n` / `self.n` incremented in a function (`global n`). */
function requestCounters(context: FileContext): { iterators: Set<string>; incremented: Set<string> } {
  const iterators = new Set<string>();
  const incremented = new Set<string>();
  for (const { node, scope } of context.buckets.assignments) {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right) continue;
    if (node.type === 'assignment' && right.type === 'call' && context.callee(right) === 'itertools.count')
      iterators.add(left.text);
    if (node.type !== 'augmented_assignment' || !scope) continue;
    if (node.childForFieldName('operator')?.text !== '+=') continue;
    if (left.type === 'attribute' && left.text.startsWith('self.')) incremented.add(left.text);
    if (left.type === 'identifier' && declaredGlobal(node, left.text)) incremented.add(left.text);
  }
  return { iterators, incremented };
}

function declaredGlobal(node: Node, name: string): boolean {
  let fn: Node | null = node.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  const body = fn?.childForFieldName('body');
  if (!body) return false;
  return body
    .descendantsOfType(['global_statement', 'nonlocal_statement'])
    .some((s) => s !== null && namedChildrenOf(s).some((n) => n.text === name));
}

/** How a fix rewrites a draw or a counter to a sticky assignment, when it is a simple one. */
function rewriteOf(context: FileContext, node: Node, kind: ArmPickFact['kind']): ArmPickRewrite | null {
  if (kind === 'counter') {
    let outer = node;
    while (outer.parent?.type === 'parenthesized_expression') outer = outer.parent;
    const parent = outer.parent;
    const right = parent?.childForFieldName('right');
    const operator = parent?.childForFieldName('operator')?.text;
    if (parent?.type !== 'binary_operator' || operator !== '%' || right?.type !== 'integer') return null;
    if (parent.childForFieldName('left')?.id !== outer.id) return null;
    return { form: 'modulo', range: rangeOf(parent), buckets: Number(right.text) };
  }
  const callee = context.callee(node);
  const args = namedChildrenOf(node.childForFieldName('arguments') ?? node);
  if (FRACTION_DRAWS.has(callee) && args.length === 0) return { form: 'fraction', range: rangeOf(node) };
  const only = args[0];
  if (CHOICE_DRAWS.has(callee) && args.length === 1 && only && only.type !== 'keyword_argument')
    return { form: 'choice', range: rangeOf(node), arms: only.text };
  return null;
}

/** Scopes that seed the global RNG from a caller id (`random.seed(user_id)`): their draws are sticky. */
function callerSeededScopes(context: FileContext): Set<string | null> {
  const out = new Set<string | null>();
  for (const { node, scope } of context.buckets.calls) {
    const callee = context.callee(node);
    if (callee !== 'random.seed' && callee !== 'numpy.random.seed') continue;
    const argument = node.childForFieldName('arguments');
    if (argument && /\b(user|customer|account|member|entity)_?id\b|\buid\b/i.test(argument.text))
      out.add(scope);
  }
  return out;
}

interface RegionScan {
  readonly picks: ArmPickFact[];
  readonly ids: CallerIdFact[];
  readonly hashed: boolean;
}

function scanRegion(
  context: FileContext,
  region: Region,
  counters: ReturnType<typeof requestCounters>,
  armFunctions: ReadonlySet<string>,
): RegionScan {
  const picks: ArmPickFact[] = [];
  const ids: CallerIdFact[] = [];
  let hashed = false;
  const pick = (node: Node, kind: ArmPickFact['kind'], api: string): void => {
    picks.push({
      kind,
      api,
      range: rangeOf(node),
      decides: region.decides,
      rewrite: rewriteOf(context, node, kind),
      scope: region.scope,
    });
  };
  /** Values of local variables the region reads → whether the read compares or scales them. */
  const followed = new Map<number, boolean>();
  const stack: Node[] = [region.node];
  for (let visited = 0; stack.length > 0 && visited < 2_000; visited++) {
    const node = stack.pop();
    if (!node || node.type === 'lambda' || node.type === 'function_definition') continue;
    const idKind = callerIdKind(node);
    if (idKind) {
      ids.push({ kind: idKind, text: node.text, range: rangeOf(node), keysArm: true, scope: region.scope });
      continue;
    }
    if (node.type === 'call') {
      const callee = context.callee(node);
      const first = namedChildrenOf(node.childForFieldName('arguments') ?? node)[0];
      const draw = drawKind(callee);
      const compared = comparedOrScaled(node, region.node) || followed.get(node.id) === true;
      if (draw === 'pick' || (draw === 'fraction' && compared)) pick(node, 'random', callee);
      else if (callee === 'next' && first && counters.iterators.has(first.text))
        pick(node, 'counter', 'itertools.count');
      else if (isHashCall(callee) || /(^|_)(hash|bucket|assign)/i.test(lastSegment(callee))) hashed = true;
    } else if (node.type === 'identifier' && armFunctions.has(node.text)) {
      hashed = true;
    } else if (
      (node.type === 'identifier' || node.type === 'attribute') &&
      counters.incremented.has(node.text)
    ) {
      pick(node, 'counter', `${node.text} += 1`);
      continue;
    } else if (node.type === 'identifier' && region.scope !== null) {
      // One local step back: `digest = sha1(session)` then `arm = ARMS[int(digest, 16) % 2]`.
      const binding = context.lookup(node.text, region.scope, node.startIndex);
      if (binding?.scope === region.scope && binding.element === null && !followed.has(binding.value.id)) {
        followed.set(binding.value.id, usedInArithmetic(node));
        stack.push(binding.value);
      }
    }
    for (const child of namedChildrenOf(node, 64)) stack.push(child);
  }
  return { picks, ids, hashed };
}

function usedInArithmetic(node: Node): boolean {
  let outer = node;
  while (outer.parent?.type === 'parenthesized_expression') outer = outer.parent;
  return outer.parent?.type === 'comparison_operator' || outer.parent?.type === 'binary_operator';
}

/** A uniform draw decides an arm once compared (`< 0.1`) or scaled (`* len(ARMS)`), not as a value. */
function comparedOrScaled(draw: Node, root: Node): boolean {
  for (let current = draw.parent, i = 0; current && i < 16; current = current.parent, i++) {
    if (current.type === 'comparison_operator' || current.type === 'binary_operator') return true;
    if (current.id === root.id || current.type === 'call' || current.type === 'argument_list') break;
  }
  return draw.id === root.id && root.parent?.type !== 'assignment';
}

function rangeKey(range: { start: { line: number; character: number } }): string {
  return `${range.start.line}:${range.start.character}`;
}

/**
 * What can decide an arm at all: a draw, a counter, a hash, an assigning function or a session.
 * A file without any of these words has no A/B facts, and most files are skipped on it.
 */
const MAY_DECIDE_ARMS =
  /\brandom\b|\bsecrets\b|itertools|\bglobal\b|self\.\w+\s*\+=|hash|crc32|adler32|md5|sha\d|blake2|murmur|mmh3|xxhash|assign|bucket|session/i;

export const EMPTY_AB: AbTestingFacts = { armPicks: [], armAssignments: [], callerIds: [], sampleSizing: [] };

export function extractAbTesting(context: FileContext, text: string): AbTestingFacts {
  if (!MAY_DECIDE_ARMS.test(text)) return EMPTY_AB;
  const counters = requestCounters(context);
  const seeded = callerSeededScopes(context);
  const picks = new Map<string, ArmPickFact>();
  const assignments = new Map<string, { range: ArmPickFact['range']; scope: string | null }>();
  const keyed = new Map<string, CallerIdFact>();
  // Calling (or mapping) a function that assigns arms is an assignment too.
  const armFunctions = new Set(
    context.buckets.functions
      .map(({ node }) => node.childForFieldName('name')?.text ?? '')
      .filter((name) => ARM_FUNCTION.test(name)),
  );
  for (const region of collectRegions(context)) {
    if (context.expired()) break;
    const scan = scanRegion(context, region, counters, armFunctions);
    const live = seeded.has(region.scope) ? [] : scan.picks;
    for (const p of live) if (!picks.has(rangeKey(p.range))) picks.set(rangeKey(p.range), p);
    for (const id of scan.ids) keyed.set(rangeKey(id.range), id);
    if (region.armNamed && (scan.picks.length > 0 || scan.hashed))
      assignments.set(rangeKey(rangeOf(region.node)), { range: rangeOf(region.node), scope: region.scope });
  }
  // Caller ids matter beside a pick or a session key; sample sizes beside an assignment.
  const needsIds = picks.size > 0 || [...keyed.values()].some((id) => id.kind === 'session');
  const present = needsIds ? extractCallerIds(context).filter((id) => !keyed.has(rangeKey(id.range))) : [];
  return {
    armPicks: [...picks.values()],
    armAssignments: [...assignments.values()],
    callerIds: [...keyed.values(), ...present],
    sampleSizing: assignments.size > 0 ? extractSampleSizing(context) : [],
  };
}

function extractSampleSizing(context: FileContext): AbTestingFacts['sampleSizing'] {
  const out: { what: string; range: ArmPickFact['range'] }[] = [];
  for (const { node } of context.buckets.calls) {
    const callee = context.callee(node);
    if (SAMPLE_SIZE_CALLS.has(lastSegment(callee))) out.push({ what: callee, range: rangeOf(node) });
    for (const argument of namedChildrenOf(node.childForFieldName('arguments') ?? node, 32)) {
      const name = argument.type === 'keyword_argument' ? argument.childForFieldName('name') : null;
      if (name && SAMPLE_SIZE_NAME.test(name.text)) out.push({ what: name.text, range: rangeOf(name) });
    }
  }
  for (const { node } of [...context.buckets.assignments, ...context.buckets.subscripts]) {
    const target = node.type === 'subscript' ? node : node.childForFieldName('left');
    const name = target ? targetName(unwrapParentheses(target)) : null;
    if (target && name && SAMPLE_SIZE_NAME.test(name)) out.push({ what: name, range: rangeOf(target) });
  }
  return out;
}
