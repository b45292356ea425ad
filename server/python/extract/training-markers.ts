import type { TrainingMarkerFact, TrainingMarkerKind } from '../facts/file-facts.ts';
import { TRAINER_CLASSES } from '../catalog/ml-apis.ts';
import { lastSegment, type FileContext } from './file-context.ts';

const MARKER_NAMES = new Set([
  'fit',
  'fit_transform',
  'partial_fit',
  'train',
  'start_run',
  'backward',
  'step',
  ...[...TRAINER_CLASSES].map(lastSegment),
]);

/** Signs that a file trains: fits, trainers, training loops, MLflow runs. */
export function extractTrainingMarkers(
  context: FileContext,
  handlerScopes: ReadonlySet<string>,
): TrainingMarkerFact[] {
  const out: TrainingMarkerFact[] = [];
  for (const { node, scope } of context.buckets.calls) {
    const callee = context.callee(node);
    if (!MARKER_NAMES.has(lastSegment(callee)) && !TRAINER_CLASSES.has(callee)) continue;
    const call = context.call(node, scope);
    const kind = markerKind(
      call.callee,
      call.calleeText,
      call.arguments.positional.length + call.arguments.keywords.length,
    );
    if (!kind) continue;
    out.push({ kind, range: call.range, scope, inHandler: isInside(scope, handlerScopes) });
  }
  return out;
}

function markerKind(callee: string, text: string, argumentCount: number): TrainingMarkerKind | null {
  const name = lastSegment(callee);
  const receiver = text.includes('.') ? text.slice(0, text.lastIndexOf('.')) : '';
  if ((name === 'fit' || name === 'fit_transform' || name === 'partial_fit') && receiver && argumentCount > 0)
    return 'fit';
  if (TRAINER_CLASSES.has(name) || TRAINER_CLASSES.has(callee)) return 'trainer';
  if (
    name === 'train' &&
    (/trainer/i.test(receiver) || callee === 'xgboost.train' || callee === 'lightgbm.train')
  )
    return 'train-call';
  if (callee === 'mlflow.start_run') return 'start-run';
  if (name === 'backward' && receiver && argumentCount === 0) return 'backward';
  if (name === 'train' && receiver && argumentCount === 0 && /model|net/i.test(receiver)) return 'train-mode';
  if (name === 'step' && /optim|optimizer/i.test(receiver)) return 'optimizer-step';
  return null;
}

/** True when `scope` is one of the handler functions or nested inside one. */
export function isInside(scope: string | null, handlerScopes: ReadonlySet<string>): boolean {
  if (!scope || handlerScopes.size === 0) return false;
  for (let end = scope.length; end > 0; end = scope.lastIndexOf('.', end - 1)) {
    if (handlerScopes.has(scope.slice(0, end))) return true;
  }
  return false;
}
