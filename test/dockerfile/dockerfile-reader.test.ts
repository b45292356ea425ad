/** The Dockerfile reader, install commands and the serving-image evidence. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { installCommands } from '../../server/dockerfile/install-commands.ts';
import { parseDockerfile } from '../../server/dockerfile/parse-dockerfile.ts';
import { servingEvidence, stagesInFinalImage } from '../../server/dockerfile/serving-image.ts';

const TEXT = [
  'ARG BASE=python:3.11',
  'FROM ${BASE} AS deps',
  'RUN pip install --no-cache-dir -i https://example.org/simple \\',
  '# a comment inside the continuation',
  '      "ray[tune]==2.10" -r/app/req.txt&&echo done; uv pip install --system torch',
  'FROM python:3.11-slim AS train',
  'RUN conda install -c conda-forge -n base optuna=3.6',
  'FROM python:3.11-slim',
  'COPY --from=deps /usr/local /usr/local',
  'CMD ["uvicorn", "serve:app"]',
  '',
].join('\n');

describe('parseDockerfile', () => {
  const file = parseDockerfile('file:///w/Dockerfile', TEXT);

  it('groups instructions by stage and joins continuations around comment lines', () => {
    assert.deepEqual(
      file.stages.map((stage) => [stage.name, stage.image, stage.instructions.map((i) => i.keyword)]),
      [
        ['deps', '${BASE}', ['FROM', 'RUN']],
        ['train', 'python:3.11-slim', ['FROM', 'RUN']],
        [undefined, 'python:3.11-slim', ['FROM', 'COPY', 'CMD']],
      ],
    );
  });

  it('reads installs with packages, -r files and exact word offsets', () => {
    const run = file.stages[0]!.instructions[1]!;
    const [pip, uv] = installCommands(run);
    assert.deepEqual(
      pip?.packages.map((w) => [w.text, TEXT.slice(w.start, w.end)]),
      [['ray[tune]==2.10', '"ray[tune]==2.10"']],
    );
    assert.deepEqual(
      pip?.requirementFiles.map((w) => [w.text, TEXT.slice(w.start, w.end)]),
      [['/app/req.txt', '/app/req.txt']],
    );
    assert.deepEqual(
      uv?.packages.map((w) => w.text),
      ['torch'],
    );
    const conda = installCommands(file.stages[1]!.instructions[1]!);
    assert.deepEqual(
      conda[0]?.packages.map((w) => w.text),
      ['optuna=3.6'],
    );
  });

  it('tells a serving image and the stages in it', () => {
    assert.equal(servingEvidence(file)?.server, 'uvicorn');
    assert.deepEqual(
      stagesInFinalImage(file).map((stage) => stage.name),
      ['deps', undefined],
    );
    assert.equal(
      servingEvidence(parseDockerfile('file:///w/Dockerfile', 'FROM x\nCMD python train.py\n')),
      undefined,
    );
    assert.equal(
      servingEvidence(parseDockerfile('file:///w/Dockerfile.serve', 'FROM x\n'))?.server,
      'serving',
    );
  });

  it('never throws on garbage', () => {
    const pieces = [
      'RUN ',
      'FROM ',
      'COPY ',
      '\\\n',
      '"',
      "'",
      '&&',
      ';',
      'pip install ',
      '-r',
      '[',
      '#',
      ' ',
      '\n',
    ];
    let seed = 11;
    for (let round = 0; round < 500; round++) {
      let text = '';
      for (let i = 0; i < 30; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        text += pieces[seed % pieces.length];
      }
      assert.doesNotThrow(() => {
        const parsed = parseDockerfile('file:///w/Dockerfile', text);
        for (const stage of parsed.stages) for (const i of stage.instructions) installCommands(i);
        servingEvidence(parsed);
        stagesInFinalImage(parsed);
      });
    }
  });
});

describe('servingEvidence by file name', () => {
  it('reads name parts, not substrings', () => {
    for (const name of ['Dockerfile.serve', 'serving.Dockerfile', 'Dockerfile.inference', 'api.Dockerfile'])
      assert.equal(
        servingEvidence(parseDockerfile(`file:///w/${name}`, 'FROM x\n'))?.server,
        'serving',
        name,
      );
    for (const name of ['Dockerfile.rapids', 'Dockerfile.train', 'Dockerfile'])
      assert.equal(servingEvidence(parseDockerfile(`file:///w/${name}`, 'FROM x\n')), undefined, name);
  });
});
