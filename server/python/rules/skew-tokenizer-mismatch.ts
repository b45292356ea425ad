import type { Fix, Range, Report } from '../../engine/types.ts';
import type { CallFact, KeywordArgumentFact, TokenizerFact } from '../facts/file-facts.ts';
import { describeValue, isFullyKnown, type StaticValue } from '../facts/static-value.ts';
import type { TrainingServingPair } from '../workspace/training-serving-pair.ts';
import type { PythonWorkspaceIndex } from '../workspace/workspace-index.ts';
import { pythonLiteral } from './python-literal.ts';
import type { PythonPairRule } from './python-rule.ts';

const LOAD_SETTINGS = [
  'revision',
  'do_lower_case',
  'use_fast',
  'model_max_length',
  'padding_side',
  'truncation_side',
];
const CALL_SETTINGS = ['max_length', 'truncation', 'padding', 'add_special_tokens', 'stride'];

interface Located {
  readonly uri: string;
  readonly tokenizer: TokenizerFact;
}

interface Setting {
  readonly value: StaticValue;
  readonly text: string;
  readonly uri: string;
  readonly range: Range;
}

function tokenizersOf(index: PythonWorkspaceIndex, uris: readonly string[]): Located[] {
  return uris.flatMap((uri) => (index.get(uri)?.tokenizers ?? []).map((tokenizer) => ({ uri, tokenizer })));
}

function keywordSetting(
  index: PythonWorkspaceIndex,
  uri: string,
  call: CallFact,
  name: string,
): Setting | null {
  const keyword: KeywordArgumentFact | undefined = call.arguments.keywords.find((k) => k.name === name);
  if (!keyword) return null;
  return { value: index.resolve(uri, keyword.value), text: keyword.text, uri, range: keyword.range };
}

/** The settings one side uses: the name, load settings, and the first call's encoding settings. */
function settingsOf(index: PythonWorkspaceIndex, located: Located): Map<string, Setting> {
  const { uri, tokenizer } = located;
  const out = new Map<string, Setting>();
  const nameArgument = tokenizer.load.arguments.positional[0];
  if (tokenizer.name && nameArgument)
    out.set('name', {
      value: index.resolve(uri, tokenizer.name),
      text: nameArgument.text,
      uri,
      range: nameArgument.range,
    });
  for (const key of LOAD_SETTINGS) {
    const setting = keywordSetting(index, uri, tokenizer.load, key);
    if (setting) out.set(key, setting);
  }
  const call = tokenizer.calls[0];
  for (const key of call ? CALL_SETTINGS : []) {
    const setting = call ? keywordSetting(index, uri, call, key) : null;
    if (setting) out.set(key, setting);
  }
  return out;
}

/** The paths training saves artifacts to (`save_pretrained`, `trainer.save_model`, ...), resolved. */
function trainingSavePaths(index: PythonWorkspaceIndex, uris: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const uri of uris) {
    for (const artifact of index.get(uri)?.artifacts ?? []) {
      if (artifact.direction !== 'save' || !artifact.path) continue;
      const value = index.resolve(uri, artifact.path);
      if (value.kind === 'string') out.add(value.value);
    }
  }
  return out;
}

function sameValue(a: StaticValue, b: StaticValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A model trained on text tokenized one way and served text tokenized another way gets token
 * ids, lengths and casing it never saw.
 */
export const skewTokenizerMismatch: PythonPairRule = {
  meta: {
    id: 'skew/tokenizer-mismatch',
    defaultSeverity: 'error',
    title: 'Tokenizer differs between training and serving',
  },
  target: 'python-pair',
  check(pair: TrainingServingPair, context) {
    const index = context.index;
    const [training] = tokenizersOf(index, pair.trainingFiles);
    if (!training) return [];
    const trainingSettings = settingsOf(index, training);
    const savedByTraining = trainingSavePaths(index, pair.trainingFiles);
    const reports: Report[] = [];
    for (const serving of tokenizersOf(index, pair.servingFiles)) {
      const servingSettings = settingsOf(index, serving);
      // Loaded from the folder training saved it to: the same tokenizer, whatever its base name.
      const servingName = servingSettings.get('name')?.value;
      if (servingName?.kind === 'string' && savedByTraining.has(servingName.value))
        servingSettings.delete('name');
      for (const [key, servingSetting] of servingSettings) {
        const trainingSetting = trainingSettings.get(key);
        if (!trainingSetting || !isFullyKnown(trainingSetting.value) || !isFullyKnown(servingSetting.value))
          continue;
        if (sameValue(trainingSetting.value, servingSetting.value)) continue;
        const literal = pythonLiteral(trainingSetting.value);
        const edit = literal ? { range: servingSetting.range, newText: literal } : null;
        const fixes: Fix[] = edit
          ? [
              {
                title: `Use training's ${key} (${literal})`,
                changes: [{ uri: servingSetting.uri, edits: [edit] }],
                safe: true,
              },
            ]
          : [];
        reports.push({
          uri: servingSetting.uri,
          range: servingSetting.range,
          message: `Tokenizer ${key}: training uses ${describeValue(trainingSetting.value)}, serving ${describeValue(servingSetting.value)}.`,
          related: [{ uri: trainingSetting.uri, range: trainingSetting.range, message: `training's ${key}` }],
          fixes,
        });
      }
    }
    return reports;
  },
};
