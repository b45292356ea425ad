import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { LoadedConfig } from '../config/load-config.ts';
import { Analyzer } from '../engine/analyzer.ts';
import { fixAll } from '../engine/fix-all.ts';
import type { Finding, Note } from '../engine/types.ts';
import { dvcTrackedPaths } from '../dvc/dvc-tracked-paths.ts';
import { fileKindOf } from '../engine/file-kind.ts';
import type { PythonFindings } from '../engine/python-findings.ts';
import { initPythonParser, PythonParser } from '../python/parser/python-parser.ts';
import { PythonWorkspaceSession } from '../python/python-workspace-session.ts';
import { diskWorkspace } from './disk-workspace.ts';
import { extractFacts, type FactInbox, readPythonFile } from './python-fact-exchange.ts';
import type { PythonFileFacts } from '../python/facts/file-facts.ts';

/** The part of a check that one thread does: read, optionally fix, analyse. Serialisable both ways. */
export interface ConfigGroup {
  readonly config: LoadedConfig;
  /** The folder workspace-relative globs of the configuration start from. */
  readonly root: string;
  readonly files: readonly string[];
  /**
   * Every file of the group, for cross-file rules, when `files` is one thread's slice of them
   * (the whole group's list otherwise).
   */
  readonly workspaceFiles?: readonly string[];
  /**
   * When threads share the Python extraction: on the threads that extract, the group's Python
   * files, which they take one at a time from a shared queue (see `SharedFileQueue`); on the
   * thread whose `files` hold them, none: it receives their facts.
   */
  readonly pythonExtract?: readonly string[];
}

/** Rounds of `--fix` over a group's files; fixes that unlock others across files settle in two. */
const MAX_FIX_ROUNDS = 3;

export interface AnalyzeFilesJob {
  readonly groups: readonly ConfigGroup[];
  readonly fix: boolean;
}

export interface AnalyzeFilesOutcome {
  readonly findings: Finding[];
  readonly notes: Note[];
  readonly fixesApplied: number;
}

/**
 * Analyses the job's files. With `inbox`, the facts of the Python files that other threads
 * extracted arrive there (see `pythonExtract`).
 */
export async function analyzeFiles(job: AnalyzeFilesJob, inbox?: FactInbox): Promise<AnalyzeFilesOutcome> {
  const findings: Finding[] = [];
  const notes: Note[] = [];
  let fixesApplied = 0;
  for (const [index, group] of job.groups.entries()) {
    const outcome = analyzeGroup(group, job.fix, await pythonSessionFor(group, index, inbox));
    findings.push(...outcome.findings);
    notes.push(...outcome.notes);
    fixesApplied += outcome.fixesApplied;
  }
  return { findings, notes, fixesApplied };
}

/**
 * The Python side of a group: every Python file and notebook of this thread's slice, loaded at
 * once so that training and serving files pair up before any of them is reported.
 */
async function pythonSessionFor(
  group: ConfigGroup,
  index: number,
  inbox: FactInbox | undefined,
): Promise<PythonSide | undefined> {
  const files = group.files.filter((file) => {
    const kind = fileKindOf(file);
    return kind === 'python' || kind === 'notebook';
  });
  if (files.length === 0) return undefined;
  await initPythonParser();
  const root = pathToFileURL(group.root).href.replace(/\/$/, '');
  const workspace = diskWorkspace(group.root, group.workspaceFiles ?? group.files);
  const session = new PythonWorkspaceSession(new PythonParser(), {
    roots: [root],
    explicitPairs: group.config.config.python?.pairs ?? [],
    dvcTrackedPaths: dvcTrackedPaths(workspace),
  });
  const texts = new Map<string, string>();
  for (const file of files) {
    // An unreadable file is reported when the file itself is analysed.
    const { uri, text } = readPythonFile(file);
    if (text !== undefined) texts.set(uri, text);
  }
  if (!inbox) {
    session.loadAll(texts);
    return { findings: session, texts };
  }
  const facts: PythonFileFacts[] = [];
  await extractFacts(group.pythonExtract ?? [], (batch) => facts.push(...batch));
  facts.push(...(await inbox.takeGroup(index)));
  const byUri = new Map(facts.map((fact) => [fact.uri, fact]));
  session.loadFacts(
    [...texts.keys()].flatMap((uri) => byUri.get(uri) ?? []),
    texts,
  );
  return { findings: session, texts };
}

/** A group's Python session, and the texts it read (by URI), which the analysis reuses. */
interface PythonSide {
  readonly findings: PythonFindings;
  readonly texts: ReadonlyMap<string, string>;
}

function analyzeGroup(group: ConfigGroup, fix: boolean, side: PythonSide | undefined): AnalyzeFilesOutcome {
  const python = side?.findings;
  const workspace = diskWorkspace(group.root, group.workspaceFiles ?? group.files);
  const analyzer = new Analyzer({
    config: group.config,
    workspaceRoot: pathToFileURL(group.root).href,
    workspace,
    ...(python ? { python } : {}),
  });
  const findings: Finding[] = [];
  const notes: Note[] = [];
  const texts = new Map<string, string>();
  for (const file of group.files) {
    const uri = pathToFileURL(file).href;
    try {
      texts.set(file, side?.texts.get(uri) ?? readFileSync(file, 'utf8'));
    } catch (error) {
      notes.push({
        uri,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 'error',
        code: 'skipped',
        message: `Could not read the file: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  let fixesApplied = 0;
  // A fix in one file can enable one in another (training saves the scaler, then serving can
  // load it), so fixing goes round the files until a round changes nothing.
  for (let round = 0; fix && round < MAX_FIX_ROUNDS; round++) {
    let appliedThisRound = 0;
    for (const [file, text] of texts) {
      const uri = pathToFileURL(file).href;
      const fixed = fixAll(analyzer, { uri, text });
      if (fixed.text === text) continue;
      writeFileSync(file, fixed.text);
      workspace.remember(uri, fixed.text);
      python?.sync?.(uri, fixed.text);
      texts.set(file, fixed.text);
      appliedThisRound += fixed.applied;
    }
    fixesApplied += appliedThisRound;
    if (appliedThisRound === 0) break;
  }
  for (const [file, text] of texts) {
    const uri = pathToFileURL(file).href;
    const result = analyzer.analyze({ uri, text });
    findings.push(...result.findings);
    // The configuration's own problems are reported once, by the caller.
    if (group.config.uri !== uri) notes.push(...result.notes);
  }
  return { findings, notes, fixesApplied };
}
