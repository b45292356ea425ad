/**
 * The library APIs the extractors recognise, by class or function name. Names are matched on the
 * last segment of the qualified callee, so `sklearn.preprocessing.StandardScaler`,
 * `preprocessing.StandardScaler` and an aliased import all match.
 */
import type { TransformerFamily } from '../facts/file-facts.ts';

export const TRANSFORMER_FAMILIES: Readonly<Record<string, TransformerFamily>> = {
  StandardScaler: 'scaler',
  MinMaxScaler: 'scaler',
  RobustScaler: 'scaler',
  MaxAbsScaler: 'scaler',
  Normalizer: 'scaler',
  PowerTransformer: 'scaler',
  QuantileTransformer: 'scaler',
  LabelEncoder: 'encoder',
  OneHotEncoder: 'encoder',
  OrdinalEncoder: 'encoder',
  LabelBinarizer: 'encoder',
  MultiLabelBinarizer: 'encoder',
  TargetEncoder: 'encoder',
  DictVectorizer: 'vectorizer',
  SimpleImputer: 'imputer',
  KNNImputer: 'imputer',
  IterativeImputer: 'imputer',
  TfidfVectorizer: 'vectorizer',
  CountVectorizer: 'vectorizer',
  HashingVectorizer: 'vectorizer',
  TfidfTransformer: 'vectorizer',
  KBinsDiscretizer: 'other',
  PolynomialFeatures: 'other',
  PCA: 'other',
  TruncatedSVD: 'other',
  Tokenizer: 'tokenizer',
};

export const PIPELINE_CLASSES = new Set([
  'Pipeline',
  'make_pipeline',
  'ColumnTransformer',
  'make_column_transformer',
  'FeatureUnion',
  'make_union',
]);

/** Estimators that take `random_state` and use randomness by default. */
export const RANDOM_ESTIMATORS = new Set([
  'RandomForestClassifier',
  'RandomForestRegressor',
  'ExtraTreesClassifier',
  'ExtraTreesRegressor',
  'GradientBoostingClassifier',
  'GradientBoostingRegressor',
  'HistGradientBoostingClassifier',
  'HistGradientBoostingRegressor',
  'DecisionTreeClassifier',
  'DecisionTreeRegressor',
  'AdaBoostClassifier',
  'AdaBoostRegressor',
  'BaggingClassifier',
  'BaggingRegressor',
  'IsolationForest',
  'SGDClassifier',
  'SGDRegressor',
  'MLPClassifier',
  'MLPRegressor',
  'KMeans',
  'MiniBatchKMeans',
  'LogisticRegression',
  'Perceptron',
  'XGBClassifier',
  'XGBRegressor',
  'LGBMClassifier',
  'LGBMRegressor',
  'CatBoostClassifier',
  'CatBoostRegressor',
  'RandomizedSearchCV',
  'TSNE',
]);

/** Other estimator classes: a saved instance is a model. */
export const MODEL_CLASS_PATTERN =
  /(Classifier|Regressor|Regression|Regressor|SVC|SVR|Model|Net|Forest|Boost|KMeans|NaiveBayes|NB|SearchCV)$/;

export const CROSS_VALIDATION_SPLITTERS = new Set([
  'KFold',
  'StratifiedKFold',
  'ShuffleSplit',
  'StratifiedShuffleSplit',
  'GroupShuffleSplit',
  'RepeatedKFold',
  'RepeatedStratifiedKFold',
]);

/** Calls that seed a random number generator. */
export const SEED_CALLS = new Set([
  'random.seed',
  'numpy.random.seed',
  'torch.manual_seed',
  'torch.cuda.manual_seed',
  'torch.cuda.manual_seed_all',
  'tensorflow.random.set_seed',
  'tf.random.set_seed',
  'transformers.set_seed',
  'pytorch_lightning.seed_everything',
  'lightning.seed_everything',
  'lightning.pytorch.seed_everything',
  'keras.utils.set_random_seed',
  'tensorflow.keras.utils.set_random_seed',
  'accelerate.utils.set_seed',
]);

export const NUMPY_GLOBAL_RANDOM = new Set([
  'rand',
  'randn',
  'randint',
  'random',
  'choice',
  'shuffle',
  'permutation',
  'normal',
  'uniform',
  'random_sample',
]);
export const PYTHON_GLOBAL_RANDOM = new Set([
  'random',
  'randint',
  'choice',
  'choices',
  'shuffle',
  'sample',
  'uniform',
  'gauss',
]);

export const DATASET_READERS: Readonly<Record<string, string>> = {
  read_csv: 'pandas',
  read_parquet: 'pandas',
  read_json: 'pandas',
  read_excel: 'pandas',
  read_feather: 'pandas',
  read_table: 'pandas',
  read_pickle: 'pandas',
  load_dataset: 'datasets',
  load_from_disk: 'datasets',
  load: 'numpy',
  loadtxt: 'numpy',
  genfromtxt: 'numpy',
};

/**
 * Readers matched by their full name, with the keyword that names the file. `torch.load` and
 * `h5py.File` also read checkpoints: see extract/data-or-checkpoint.ts.
 */
export const QUALIFIED_DATASET_READERS: ReadonlyMap<string, string> = new Map([
  ['scipy.sparse.load_npz', 'file'],
  ['torch.load', 'f'],
  ['h5py.File', 'name'],
]);

/** Qualified readers whose file may be a model checkpoint rather than data. */
export const CHECKPOINT_OR_DATA_READERS = new Set(['torch.load', 'h5py.File']);

export const TOKENIZER_CLASS_PATTERN = /(Tokenizer|TokenizerFast|Processor|FeatureExtractor|ImageProcessor)$/;

/** Method names that mark a training file, by the receiver they are called on. */
export const TRAINER_CLASSES = new Set([
  'Trainer',
  'SFTTrainer',
  'Seq2SeqTrainer',
  'pytorch_lightning.Trainer',
  'lightning.Trainer',
]);
