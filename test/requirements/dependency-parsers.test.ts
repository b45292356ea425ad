/** The requirements and pyproject readers: exact offsets, the odd corners of pip's format, garbage. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileKindOf } from '../../server/engine/file-kind.ts';
import { lockedVersions } from '../../server/requirements/lockfile-versions.ts';
import { parsePyproject } from '../../server/requirements/parse-pyproject.ts';
import { parseRequirements } from '../../server/requirements/parse-requirements.ts';
import { parseRequirementSpec } from '../../server/requirements/requirement-spec.ts';

const slice = (text: string, start: number, end: number): string => text.slice(start, end);

describe('parseRequirements', () => {
  it('joins continuations and maps offsets back to the file', () => {
    const text =
      'requests \\\n    >=2.31 ; python_version < "3.13"\nnumpy==1.26.4 --hash=sha256:abc \\\n  --hash=sha256:def\n';
    const [requests, numpy] = parseRequirements('file:///r.txt', text).dependencies;
    assert.equal(requests?.name, 'requests');
    assert.equal(requests?.specifier, '>=2.31');
    assert.equal(slice(text, requests.specifierStart, requests.specifierEnd), '>=2.31');
    assert.equal(slice(text, requests.start, requests.end), 'requests \\\n    >=2.31');
    assert.equal(numpy?.pinnedVersion, '1.26.4');
    assert.equal(numpy?.hashes, 2);
  });

  it('reads includes, constraints, editables, URLs and skips options and comments', () => {
    const text = [
      '# comment',
      '-r base.txt',
      '--constraint=constraints.txt',
      '--index-url https://example.org/simple',
      '-e ./local',
      'git+https://github.com/acme/lib@v1#egg=acmelib',
      'Scikit_Learn[alldeps, extra] (>=1.2)  # trailing comment',
      'pandas @ https://example.org/pandas.whl',
    ].join('\n');
    const file = parseRequirements('file:///r.txt', text);
    assert.deepEqual(
      file.includes.map((include) => [include.kind, include.path, slice(text, include.start, include.end)]),
      [
        ['requirements', 'base.txt', 'base.txt'],
        ['constraints', 'constraints.txt', 'constraints.txt'],
      ],
    );
    const [local, vcs, sklearn, pandas] = file.dependencies;
    assert.equal(local?.editable, true);
    assert.equal(vcs?.name, 'acmelib');
    assert.ok(vcs?.url);
    assert.equal(sklearn?.key, 'scikit-learn');
    assert.deepEqual(sklearn?.extras, ['alldeps', 'extra']);
    assert.equal(slice(text, sklearn.specifierStart, sklearn.specifierEnd), '>=1.2');
    assert.equal(pandas?.url, 'https://example.org/pandas.whl');
  });

  it('never throws on garbage', () => {
    const pieces = [
      '\\',
      '\n',
      '-r',
      ' ',
      '==',
      '[',
      ']',
      '#',
      ';',
      'a',
      '@',
      '--hash=',
      '"',
      '\r\n',
      '(',
      '>=',
    ];
    let seed = 7;
    for (let round = 0; round < 500; round++) {
      let text = '';
      for (let i = 0; i < 30; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        text += pieces[seed % pieces.length];
      }
      assert.doesNotThrow(() => parseRequirements('file:///r.txt', text));
      assert.doesNotThrow(() =>
        parsePyproject('file:///pyproject.toml', `[project]\ndependencies = [${text}`),
      );
    }
  });
});

describe('parseRequirementSpec', () => {
  it('tells exact pins from ranges and wildcards', () => {
    assert.equal(parseRequirementSpec('a==1.2')?.pinnedVersion, '1.2');
    assert.equal(parseRequirementSpec('a===1.2')?.pinnedVersion, '1.2');
    assert.equal(parseRequirementSpec('a==1.*')?.pinnedVersion, undefined);
    assert.equal(parseRequirementSpec('a==1.2,!=1.3')?.pinnedVersion, undefined);
    assert.equal(parseRequirementSpec('a>=1')?.pinnedVersion, undefined);
    assert.equal(parseRequirementSpec('-nonsense'), undefined);
  });
});

describe('parsePyproject', () => {
  it('reads PEP 621, optional groups, Poetry tables and groups with string offsets', () => {
    const text = [
      '[project]',
      'dependencies = [',
      '  "pandas>=2", # c',
      "  'numpy==1.26.4',",
      ']',
      '[project.optional-dependencies]',
      'serve = ["fastapi>=0.110"]',
      '[tool.poetry.dependencies]',
      'python = "^3.10"',
      'torch = { version = "^2.3", source = "pytorch" }',
      '[tool.poetry.group.dev.dependencies]',
      'pytest = "*"',
    ].join('\n');
    const deps = parsePyproject('file:///pyproject.toml', text).dependencies;
    assert.deepEqual(
      deps.map((d) => [d.name, d.group, d.pinnedVersion, slice(text, d.specifierStart, d.specifierEnd)]),
      [
        ['pandas', undefined, undefined, '>=2'],
        ['numpy', undefined, '1.26.4', '==1.26.4'],
        ['fastapi', 'serve', undefined, '>=0.110'],
        ['torch', undefined, undefined, '^2.3'],
        ['pytest', 'dev', undefined, '*'],
      ],
    );
  });
});

describe('lockedVersions', () => {
  it('reads poetry.lock / uv.lock tables, Pipfile.lock JSON and pip-compile pins', () => {
    const table = '[[package]]\nname = "Scikit-Learn"\nversion = "1.4.2"\n\n[package.extras]\nx = []\n';
    assert.equal(lockedVersions('uv.lock', table).get('scikit-learn'), '1.4.2');
    const pipfile = JSON.stringify({ default: { pandas: { version: '==2.2.2' } } });
    assert.equal(lockedVersions('Pipfile.lock', pipfile).get('pandas'), '2.2.2');
    assert.equal(lockedVersions('Pipfile.lock', '{not json').size, 0);
    assert.equal(lockedVersions('requirements.lock', 'numpy==1.26.4\nx>=1\n').get('numpy'), '1.26.4');
  });
});

describe('fileKindOf for project files', () => {
  it('names requirements, lockfiles, DVC files and READMEs', () => {
    const kinds = Object.fromEntries(
      [
        'file:///w/requirements.txt',
        'file:///w/requirements-serve.in',
        'file:///w/requirements/prod.txt',
        'file:///w/requirements.lock',
        'file:///w/deps.lock.txt',
        'file:///w/poetry.lock',
        'file:///w/pyproject.toml',
        'file:///w/.dvc/config',
        'file:///w/.dvc/config.local',
        'file:///w/data/x.csv.dvc',
        'file:///w/README.md',
        'file:///w/notes.txt',
      ].map((uri) => [uri.slice('file:///w/'.length), fileKindOf(uri)]),
    );
    assert.deepEqual(kinds, {
      'requirements.txt': 'requirements',
      'requirements-serve.in': 'requirements',
      'requirements/prod.txt': 'requirements',
      'requirements.lock': 'lockfile',
      'deps.lock.txt': 'lockfile',
      'poetry.lock': 'lockfile',
      'pyproject.toml': 'pyproject',
      '.dvc/config': 'dvc-config',
      '.dvc/config.local': undefined,
      'data/x.csv.dvc': 'dvc-tracked',
      'README.md': 'readme',
      'notes.txt': undefined,
    });
  });
});
