/**
 * `torch.load` and `h5py.File` read model checkpoints as often as datasets. A read counts as
 * training data only when its path (or, when the path is not a literal, the expression naming
 * it) names data: a `data/`-like folder or a data-like file name, and no checkpoint word. Anything
 * else (`model.pt`, `checkpoints/best.pt`, `args.resume`) is taken as a checkpoint, not data.
 */
const CHECKPOINT_WORDS =
  /(model|ckpt|checkpoint|weights|state_?dict|optimi[sz]er|pretrained|adapter)|(^|[^a-z])(weight|resume|best|last|epoch|lora)([^a-z]|$)/i;
const DATA_FOLDER = /(^|[/\\])(data|datasets?|processed|raw|interim|features|embeddings|tensors)([/\\]|$)/i;
const DATA_NAME =
  /(^|[^a-z])(data|dataset|features?|embeddings?|labels?|targets?|tensors?|samples?|corpus|train|val|valid|test|split)([^a-z]|$)/i;

/** Whether the path or path expression of a checkpoint-or-data reader names a dataset. */
export function namesTrainingData(pathText: string): boolean {
  if (pathText === '' || CHECKPOINT_WORDS.test(pathText)) return false;
  return DATA_FOLDER.test(pathText) || DATA_NAME.test(pathText);
}
