/**
 * Package installs in a Dockerfile's RUN instructions: `pip install`, `python -m pip install`,
 * `uv pip install`, `conda`/`mamba`/`micromamba install`, with the packages and the requirement
 * files (`-r`) they name.
 */
import type { Instruction, Word } from './parse-dockerfile.ts';

export interface InstallCommand {
  readonly tool: 'pip' | 'conda';
  readonly instruction: Instruction;
  /** The words of this command, from the tool to the end of the command. */
  readonly words: readonly Word[];
  /** Package arguments (`torch==2.3`, `ray[tune]`). */
  readonly packages: readonly Word[];
  /** Requirement files given with `-r` / `--requirement` (pip only). */
  readonly requirementFiles: readonly Word[];
}

const SEPARATORS = new Set(['&&', '||', ';', '|']);

/** Options that take the next word as their value. */
const PIP_VALUE_OPTIONS = new Set([
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '-t',
  '--target',
  '--prefix',
  '--root',
  '--platform',
  '--python-version',
  '--only-binary',
  '--no-binary',
  '--progress-bar',
  '--cache-dir',
  '--trusted-host',
  '--upgrade-strategy',
  '-C',
  '--config-settings',
  '--python',
  '-p',
  '--implementation',
  '--abi',
  '--src',
  '--log',
  '--proxy',
  '--retries',
  '--timeout',
  '--index-strategy',
  '--extra',
]);
const CONDA_VALUE_OPTIONS = new Set(['-c', '--channel', '-n', '--name', '-p', '--prefix', '--file']);

function commands(words: readonly Word[]): Word[][] {
  const out: Word[][] = [[]];
  for (const word of words) {
    if (SEPARATORS.has(word.text)) out.push([]);
    else out[out.length - 1]!.push(word);
  }
  return out.filter((command) => command.length > 0);
}

/** Index of the first argument after `install`, and the tool, when the command installs. */
function installStart(words: readonly Word[]): { at: number; tool: 'pip' | 'conda' } | undefined {
  const texts = words.map((word) => word.text.replace(/^.*\//, ''));
  for (let i = 0; i < texts.length - 1; i++) {
    const word = texts[i]!;
    if (/^pip[0-9.]*$/.test(word) && texts[i + 1] === 'install') return { at: i + 2, tool: 'pip' };
    if (word === 'uv' && texts[i + 1] === 'pip' && texts[i + 2] === 'install')
      return { at: i + 3, tool: 'pip' };
    if (/^python[0-9.]*$/.test(word) && texts[i + 1] === '-m' && /^pip[0-9.]*$/.test(texts[i + 2] ?? ''))
      return texts[i + 3] === 'install' ? { at: i + 4, tool: 'pip' } : undefined;
    if (/^(conda|mamba|micromamba)$/.test(word) && texts[i + 1] === 'install')
      return { at: i + 2, tool: 'conda' };
  }
  return undefined;
}

export function installCommands(instruction: Instruction): InstallCommand[] {
  if (instruction.keyword !== 'RUN') return [];
  const out: InstallCommand[] = [];
  for (const command of commands(instruction.words)) {
    const start = installStart(command);
    if (!start) continue;
    const valueOptions = start.tool === 'pip' ? PIP_VALUE_OPTIONS : CONDA_VALUE_OPTIONS;
    const packages: Word[] = [];
    const requirementFiles: Word[] = [];
    for (let i = start.at; i < command.length; i++) {
      const word = command[i]!;
      const inline = /^(-r|--requirement)=?(.+)$/.exec(word.text);
      if (start.tool === 'pip' && (word.text === '-r' || word.text === '--requirement')) {
        const file = command[i + 1];
        if (file) requirementFiles.push(file);
        i++;
      } else if (start.tool === 'pip' && inline?.[2]) {
        const length = inline[2].length;
        requirementFiles.push({ text: inline[2], start: word.end - length, end: word.end });
      } else if (word.text.startsWith('-')) {
        if (valueOptions.has(word.text)) i++;
      } else packages.push(word);
    }
    out.push({ tool: start.tool, instruction, words: command, packages, requirementFiles });
  }
  return out;
}
