import type { Position, Range } from '../../engine/types.ts';
import type { CallFact, ParameterFact } from './file-facts.ts';

export type ServingFramework =
  | 'fastapi'
  | 'flask'
  | 'starlette'
  | 'bentoml'
  | 'ray-serve'
  | 'kserve'
  | 'torchserve'
  | 'triton'
  | 'gradio'
  | 'streamlit';

/** A function that runs once per request (or, for Streamlit, the whole script on each rerun). */
export interface HandlerFact {
  readonly framework: ServingFramework;
  /** Qualified function name (`predict`, `MyModel.predict`); `<module>` for Streamlit. */
  readonly name: string;
  readonly className: string | null;
  readonly route: string | null;
  readonly methods: readonly string[];
  readonly range: Range;
  readonly bodyRange: Range;
  /** Start of the first statement of the body: where a fix inserts a line in the handler. */
  readonly bodyInsertPosition: Position;
  readonly parameters: readonly ParameterFact[];
  readonly decoratorRange: Range | null;
}

export type StartupHookKind =
  'lifespan' | 'on-event' | 'constructor' | 'initialize' | 'load' | 'before-first-request';

/** Code that runs once when the service starts, where loading a model belongs. */
export interface StartupHookFact {
  readonly framework: ServingFramework;
  readonly kind: StartupHookKind;
  readonly name: string;
  readonly range: Range;
  readonly bodyRange: Range;
  readonly bodyInsertPosition: Position;
}

/** The application object, e.g. `app = FastAPI(...)`, for fixes that add a lifespan. */
export interface ServingAppFact {
  readonly framework: ServingFramework;
  readonly variable: string | null;
  readonly call: CallFact;
}
