import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Analyzer } from '../../server/engine/analyzer.ts';
import { applyEdits } from '../../server/engine/apply-edits.ts';
import { validateMetadata } from '../../server/registry/validate-metadata.ts';
import schema from '../../server/registry/model-registry-metadata.schema.json' with { type: 'json' };

const DECLARED = '{\n  "$schema": "https://mlops-lens.dev/schemas/ModelRegistryMetadata.json",\n';

describe('model registry metadata files', () => {
  it('reports a syntax error in a file that declares the schema', () => {
    const result = new Analyzer().analyze({
      uri: 'file:///w/model.json',
      text: `${DECLARED}  "model_name": "x",\n`,
    });
    assert.equal(result.notes[0]?.code, 'parse-error');
    assert.deepEqual(result.findings, []);
  });

  it('leaves other JSON alone, even with a model_name', () => {
    const result = new Analyzer().analyze({
      uri: 'file:///w/config.json',
      text: '{"model_name": "bert", "hidden_size": 768',
    });
    assert.deepEqual([result.notes, result.findings], [[], []]);
  });

  it('fills an empty object with all its missing properties from any one of its fixes', () => {
    const text = `${DECLARED}  "provenance": {}\n}\n`;
    const findings = new Analyzer()
      .analyze({ uri: 'file:///w/model.json', text })
      .findings.filter((f) => f.message.startsWith('/provenance/'));
    assert.equal(findings.length, 2);
    for (const finding of findings) {
      const fixed = applyEdits(text, finding.fixes[0]?.changes[0]?.edits ?? []).text;
      const parsed = JSON.parse(fixed) as { provenance: Record<string, unknown> };
      assert.deepEqual(parsed.provenance, { git_commit: '', dataset_snapshot_uri: '' });
    }
  });

  it('accepts a complete record and ships a schema users can reference by $id', () => {
    assert.equal(schema.$id, 'https://mlops-lens.dev/schemas/ModelRegistryMetadata.json');
    assert.deepEqual(
      validateMetadata({
        $schema: schema.$id,
        model_name: 'm',
        version: 3,
        artifact_uri: 'runs:/0a1b2c/model',
        framework: { name: 'pytorch', version: '2.4.1' },
        signature: {
          inputs: [{ name: 'x', type: 'float', shape: [-1, 3] }],
          outputs: [{ name: 'y', type: 'float' }],
        },
        provenance: { git_commit: '0a1b2c3d', dataset_snapshot_uri: 'dvc://data/train.parquet@v3' },
      }),
      [],
    );
  });
});
