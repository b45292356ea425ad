import { isMap } from 'yaml';
import type { Fix, Report } from '../../engine/types.ts';
import {
  declaredExperiments,
  keysBelow,
  type DeclaredExperiment,
  type ExperimentConfigFile,
} from '../../experiments/experiment-config-file.ts';
import { insertJsonMembers } from '../../registry/json-edit.ts';
import { keyRange, scalarText } from '../../yaml/navigate.ts';
import { insertIntoMap } from '../../yaml/edit.ts';
import { SAMPLE_SIZE_NAME } from '../catalog/ab-apis.ts';
import type { PythonFileFacts } from '../facts/file-facts.ts';
import type { PythonFileRule } from './python-rule.ts';
import { isTestFile } from './test-files.ts';

const SIZE_KEY = 'min_sample_size_per_arm';
const YAML_COMMENT =
  '# users per arm from a power analysis: alpha 0.05, power 0.8, your minimum detectable effect';

function powerSnippet(needsImport: boolean): string {
  return `${needsImport ? 'from statsmodels.stats.power import NormalIndPower\n' : ''}
# Users each arm needs before the difference can be trusted: the smallest effect worth detecting
# (Cohen's d or h), a 5% false-positive rate and 80% power.
EFFECT_SIZE = 0.1
MIN_SAMPLE_SIZE_PER_ARM = int(NormalIndPower().solve_power(effect_size=EFFECT_SIZE, alpha=0.05, power=0.8)) + 1
`;
}

function pythonFix(facts: PythonFileFacts): Fix {
  const at = facts.importInsertPosition;
  const imported = facts.imports.some((i) => i.names.some((n) => n.name === 'NormalIndPower'));
  return {
    title: 'Insert a power analysis (statsmodels NormalIndPower) for the sample size per arm',
    changes: [
      { uri: facts.uri, edits: [{ range: { start: at, end: at }, newText: powerSnippet(!imported) }] },
    ],
    // The effect size is a guess for a person to replace.
    safe: false,
  };
}

function configFix(file: ExperimentConfigFile, experiment: DeclaredExperiment): Fix | null {
  if (!isMap(experiment.map)) return null;
  const edit =
    file.format === 'json'
      ? insertJsonMembers(experiment.map, { [SIZE_KEY]: null }, file.lines)
      : insertIntoMap(experiment.map, [{ key: SIZE_KEY, value: `null ${YAML_COMMENT}` }], file.lines);
  return {
    title: `Add ${SIZE_KEY} to fill in from a power analysis`,
    changes: [{ uri: file.uri, edits: [edit] }],
    safe: false,
  };
}

function sized(experiment: DeclaredExperiment): boolean {
  return keysBelow(experiment.doc.contents, experiment.doc).some(
    (key) => SAMPLE_SIZE_NAME.test(key) || /^(power|statistical_power)$/i.test(key),
  );
}

/**
 * An A/B test without a planned sample size gets stopped when the dashboard first looks
 * significant: with repeated peeking, most such "wins" are noise.
 */
export const abNoSampleSize: PythonFileRule = {
  meta: {
    id: 'ab/no-sample-size',
    defaultSeverity: 'information',
    title: 'A/B experiment without a minimum sample size or power analysis',
  },
  target: 'python-file',
  check(facts) {
    if (facts.handlers.length > 0 || isTestFile(facts.uri) || facts.ab.sampleSizing.length > 0) return [];
    const first = facts.ab.armAssignments[0];
    if (!first) return [];
    return [
      {
        range: first.range,
        message:
          'This script assigns A/B arms but never sizes the experiment (no minimum sample size, no power analysis): stopped at the first significant-looking result, it reports noise as a win.',
        fixes: [pythonFix(facts)],
      },
    ];
  },
  checkExperimentConfig(file) {
    const reports: Report[] = [];
    for (const doc of file.documents) {
      for (const experiment of declaredExperiments(doc)) {
        if (sized(experiment)) continue;
        const fix = configFix(file, experiment);
        const key = scalarText(experiment.split.key) ?? 'arms';
        reports.push({
          range: keyRange(experiment.split, file.lines),
          message: `This experiment splits traffic (${key}) but sets no minimum sample size or power: add ${SIZE_KEY} from a power analysis, and read the result only once it is reached.`,
          ...(fix ? { fixes: [fix] } : {}),
        });
      }
    }
    return reports;
  },
};
