/**
 * Per-file facts: what one Python file or notebook does that the skew, serve and repro rules
 * care about. Plain data (no syntax nodes), so it can be cached, compared and sent across
 * threads. Every range is an LSP range (zero-based, UTF-16 columns) in the analysed text; for a
 * notebook that is the virtual module, mapped back to cells with `notebook/cell-map.ts`.
 * `scope` is the qualified name of the enclosing function (`Model.predict`), or null at module level.
 */
import type { Note, Position, Range } from '../../engine/types.ts';
import type { CellMap } from '../notebook/cell-map.ts';
import type { StaticValue } from './static-value.ts';
import type { AbTestingFacts } from './ab-testing.ts';
import type { FeatureTransformFact } from './feature-transform.ts';
import type { PointInTimeFacts } from './point-in-time.ts';
import type { SearchLoggingFacts } from './search-logging.ts';
import type { TestSplitFacts } from './test-split-use.ts';
import type { HandlerFact, ServingAppFact, StartupHookFact } from './serving.ts';

export type FileRole = 'training' | 'serving' | 'both' | 'neither';

/** One argument list, with what a fix needs to add a keyword argument. */
export interface CallArguments {
  readonly range: Range;
  readonly positional: readonly ArgumentFact[];
  readonly keywords: readonly KeywordArgumentFact[];
  /** Just before the closing parenthesis (after a trailing comma, if any). */
  readonly insertPosition: Position;
  /** True when an inserted argument must be preceded by `, `. */
  readonly needsComma: boolean;
}

export interface ArgumentFact {
  readonly value: StaticValue;
  readonly text: string;
  readonly range: Range;
}

export interface KeywordArgumentFact extends ArgumentFact {
  readonly name: string;
}

/** A call site: `callee` is the dotted name resolved through this file's imports. */
export interface CallFact {
  readonly callee: string;
  readonly calleeText: string;
  readonly range: Range;
  readonly arguments: CallArguments;
}

export interface ImportFact {
  /** Dotted module path without the leading dots of a relative import. */
  readonly module: string;
  readonly level: number;
  /** `from m import a as b` gives `{name: 'a', alias: 'b'}`; empty for `import m`. */
  readonly names: readonly { readonly name: string; readonly alias: string | null }[];
  /** `import a.b as c` gives alias `c`. */
  readonly moduleAlias: string | null;
  readonly wildcard: boolean;
  readonly range: Range;
  readonly scope: string | null;
}

export interface ConstantFact {
  readonly name: string;
  readonly value: StaticValue;
  readonly range: Range;
  readonly nameRange: Range;
  readonly valueRange: Range;
}

export interface FunctionFact {
  readonly qualifiedName: string;
  readonly name: string;
  readonly className: string | null;
  readonly range: Range;
  readonly bodyRange: Range;
  readonly parameters: readonly ParameterFact[];
  readonly decorators: readonly string[];
  /** Callee names called directly in the body (as written, e.g. `preprocess`, `self.prep`). */
  readonly calls: readonly string[];
  readonly isAsync: boolean;
}

export interface ParameterFact {
  readonly name: string;
  readonly annotation: string | null;
  readonly range: Range;
}

export interface ClassFact {
  readonly name: string;
  readonly bases: readonly string[];
  readonly decorators: readonly string[];
  readonly range: Range;
  readonly bodyRange: Range;
}

export type TransformerFamily =
  'scaler' | 'encoder' | 'imputer' | 'vectorizer' | 'tokenizer' | 'dummies' | 'other';

/** The data a transformer or estimator was fitted on, as far as it resolves. */
export interface FeatureSelection {
  /** The columns, a `ref` to an imported list, or `unknown`. */
  readonly columns: StaticValue;
  readonly expressionRange: Range;
  readonly text: string;
}

export interface FitFact {
  readonly method: string;
  readonly call: CallFact;
  readonly features: FeatureSelection | null;
  /** The data argument as written, after following local assignments (`X_train` → `X`). */
  readonly dataVariable: string | null;
  /** Where the result goes: `X_scaled` in `X_scaled = scaler.fit_transform(X)`. */
  readonly assignedTo: string | null;
  readonly scope: string | null;
  /**
   * `get_dummies` only: its columns are aligned to a fixed list afterwards
   * (`.reindex(columns=COLUMNS)` on the result), so the categories do not come from the data.
   */
  readonly alignedColumns?: boolean;
}

export interface TransformerFact {
  /** Qualified class or function, e.g. `sklearn.preprocessing.StandardScaler`. */
  readonly className: string;
  readonly family: TransformerFamily;
  readonly variable: string | null;
  readonly construction: CallFact;
  readonly fits: readonly FitFact[];
  /** The pipeline variable when the transformer is a step of a Pipeline/ColumnTransformer. */
  readonly inPipeline: string | null;
  readonly scope: string | null;
}

/** A tokenizer or processor loaded by name (`AutoTokenizer.from_pretrained`) and its calls. */
export interface TokenizerFact {
  readonly className: string;
  readonly variable: string | null;
  readonly name: StaticValue | null;
  readonly load: CallFact;
  /** Keyword arguments of each `tokenizer(...)` / `encode(...)` call. */
  readonly calls: readonly CallFact[];
  readonly scope: string | null;
}

export type SavedObjectKind = 'pipeline' | 'dict' | 'transformer' | 'model' | 'tokenizer' | 'unknown';

export interface SavedObject {
  readonly text: string;
  readonly variable: string | null;
  readonly kind: SavedObjectKind;
  /** For a dict literal (or a variable bound to one): its keys and what each value is. */
  readonly entries: readonly {
    readonly key: string;
    readonly variable: string | null;
    readonly kind: SavedObjectKind;
  }[];
}

export interface ArtifactFact {
  readonly direction: 'save' | 'load';
  readonly library: string;
  readonly call: CallFact;
  readonly path: StaticValue | null;
  readonly pathRange: Range | null;
  /** What was saved (save only). */
  readonly object: SavedObject | null;
  /** The variable a load is assigned to (load only), e.g. `scaler` in `scaler = joblib.load(p)`. */
  readonly target: string | null;
  /** The whole statement holding the call, for fixes that move it. */
  readonly statementRange: Range;
  /** MLflow: `registered_model_name=` or the name in a `models:/name/...` URI. */
  readonly registeredModelName: StaticValue | null;
  readonly scope: string | null;
}

export interface DatasetReadFact {
  readonly api: string;
  readonly call: CallFact;
  readonly path: StaticValue | null;
  readonly target: string | null;
  /** The whole statement holding the call, for fixes that add a line after it. */
  readonly statementRange: Range;
  readonly scope: string | null;
}

export interface SeedFact {
  readonly api: string;
  readonly call: CallFact;
  readonly value: StaticValue | null;
  readonly scope: string | null;
}

export type RandomnessKind =
  'split' | 'estimator' | 'cross-validation' | 'dataloader' | 'numpy-global' | 'python-global' | 'torch';

export interface RandomnessFact {
  readonly kind: RandomnessKind;
  readonly api: string;
  readonly call: CallFact;
  /** The argument that seeds it (`random_state`, `generator`, `seed`), when passed. */
  readonly seedArgument: string | null;
  readonly seeded: boolean;
  readonly scope: string | null;
}

export interface MlflowFact {
  /** The function name, e.g. `start_run`, `log_params`, `autolog`, `log_model`. */
  readonly api: string;
  /** `sklearn` in `mlflow.sklearn.autolog`, null for top-level calls. */
  readonly flavor: string | null;
  readonly call: CallFact;
  readonly registeredModelName: StaticValue | null;
  readonly scope: string | null;
}

export type TrainingMarkerKind =
  'fit' | 'trainer' | 'train-call' | 'start-run' | 'backward' | 'train-mode' | 'optimizer-step';

export interface TrainingMarkerFact {
  readonly kind: TrainingMarkerKind;
  readonly range: Range;
  readonly scope: string | null;
  /** Inside a request handler: a defect (refit in serving), not a sign of a training file. */
  readonly inHandler: boolean;
}

/** A pandas DataFrame built from request-shaped data: `pd.DataFrame([payload])`. */
export interface DataFrameBuildFact {
  readonly call: CallFact;
  /** One row: a one-element list, or a dict or record with `index=[0]`. */
  readonly singleRow: boolean;
  readonly scope: string | null;
}

/** One value of a row built by hand for `predict`: `(req.age - 36.2) / 20.7`. */
export interface RowItemFact {
  readonly feature: string;
  readonly text: string;
  readonly range: Range;
  /** `req.age` for a value standardised by hand as `(req.age - a) / b` (or `* b`). */
  readonly unscaledText: string | null;
}

/** Columns selected or ordered for `fit` / `predict`. */
export interface FeatureListFact {
  readonly use: 'fit' | 'predict';
  readonly columns: StaticValue;
  readonly expressionRange: Range;
  readonly text: string;
  readonly how:
    'subscript' | 'dataframe-columns' | 'array-literal' | 'comprehension' | 'reindex' | 'variable';
  /** For `array-literal`: each value of the row, in order. */
  readonly items: readonly RowItemFact[];
  readonly call: CallFact;
  readonly scope: string | null;
}

export interface PythonFileFacts {
  readonly uri: string;
  readonly kind: 'python' | 'notebook';
  readonly role: FileRole;
  readonly lineCount: number;
  readonly imports: readonly ImportFact[];
  /** Where a new top-level import goes: the start of the line after the last top-level import. */
  readonly importInsertPosition: Position;
  readonly constants: readonly ConstantFact[];
  readonly functions: readonly FunctionFact[];
  readonly classes: readonly ClassFact[];
  readonly transformers: readonly TransformerFact[];
  readonly tokenizers: readonly TokenizerFact[];
  readonly featureTransforms: readonly FeatureTransformFact[];
  readonly artifacts: readonly ArtifactFact[];
  readonly datasets: readonly DatasetReadFact[];
  readonly seeds: readonly SeedFact[];
  readonly randomness: readonly RandomnessFact[];
  readonly mlflow: readonly MlflowFact[];
  /** Hyper-parameter searches and the metrics logged per step inside them. */
  readonly searchLogging: SearchLoggingFacts;
  /** Train/test splits, and where the test split steers early stopping, a search or a choice. */
  readonly testSplit: TestSplitFacts;
  /** DataFrame joins and online feature-store reads. */
  readonly pointInTime: PointInTimeFacts;
  readonly apps: readonly ServingAppFact[];
  readonly handlers: readonly HandlerFact[];
  readonly startupHooks: readonly StartupHookFact[];
  readonly trainingMarkers: readonly TrainingMarkerFact[];
  readonly featureLists: readonly FeatureListFact[];
  readonly dataFrames: readonly DataFrameBuildFact[];
  /** How arms of an A/B test are assigned, and whether the experiment was sized. */
  readonly ab: AbTestingFacts;
  readonly notes: readonly Note[];
  /** Present for notebooks: maps virtual-module lines back to cells. */
  readonly notebook: CellMap | null;
}
