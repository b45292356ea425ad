import ignore from 'ignore';
import type { LoadedConfig } from '../config/load-config.ts';
import { DEFAULT_CONFIG, loadConfig } from '../config/load-config.ts';
import { parseDockerfile } from '../dockerfile/parse-dockerfile.ts';
import type { DvcSetupFile } from '../dvc/dvc-setup-file.ts';
import { parseDvcConfig } from '../dvc/parse-dvc-config.ts';
import { isExperimentConfigName, type ExperimentConfigFile } from '../experiments/experiment-config-file.ts';
import { clusterFromProfile } from '../gpu/cluster-context.ts';
import type { ClusterContext } from '../gpu/cluster-context.ts';
import { isRegistryMetadata } from '../registry/is-registry-metadata.ts';
import { parseJsonFile } from '../registry/parse-json-file.ts';
import { parsePyproject } from '../requirements/parse-pyproject.ts';
import { parseRequirements } from '../requirements/parse-requirements.ts';
import { docsUrl } from '../rules/rule.ts';
import type { Rule, RuleContext } from '../rules/rule.ts';
import { ALL_RULES } from '../rules/registry.ts';
import { withoutFixesInCompiledPipelines } from '../workloads/kubeflow-pipeline.ts';
import { readManifest } from '../workloads/read-manifest.ts';
import { parseYaml } from '../yaml/parse.ts';
import { fileKindOf } from './file-kind.ts';
import { LineIndex } from './line-index.ts';
import { isSuppressed } from './suppression.ts';
import type { Finding, Note, Range, Report, RuleMeta, SourceDocument } from './types.ts';
import { NotebookJsonPositions } from './notebook-json-range.ts';
import {
  fixesInCells,
  isSyncedNotebook,
  relatedInCells,
  toCellFinding,
  toCellNote,
} from './notebook-cell-findings.ts';
import type { PythonFindings } from './python-findings.ts';
import { toCellLocation } from '../python/notebook/cell-map.ts';
import type { PythonRule } from '../python/rules/python-rule.ts';
import { PYTHON_RULES } from '../python/rules/python-rules.ts';
import type { WorkspaceView } from './workspace-view.ts';

export interface FileResult {
  readonly uri: string;
  readonly findings: readonly Finding[];
  readonly notes: readonly Note[];
}

export interface AnalyzerOptions {
  readonly rules?: readonly Rule[];
  readonly config?: LoadedConfig;
  /** Live cluster context from the daemon; overrides the workspace profile. */
  readonly cluster?: ClusterContext;
  /** The workspace folder URI, for workspace-relative globs in the configuration. */
  readonly workspaceRoot?: string;
  /** From the daemon: image reference as written → digest the deployed pods run. */
  readonly deployedImageDigests?: ReadonlyMap<string, string>;
  /** The other files of the workspace, for cross-file rules. */
  readonly workspace?: WorkspaceView;
  /**
   * The Python side of the workspace (facts, training-serving pairs). Without it, Python files
   * and notebooks are not analysed: the parser needs an asynchronous WebAssembly load first.
   */
  readonly python?: PythonFindings;
  readonly pythonRules?: readonly PythonRule[];
}

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** The pure analysis core: documents in, findings out. No I/O. */
export class Analyzer {
  readonly rules: readonly Rule[];
  readonly config: LoadedConfig;
  /** Every rule this analyzer knows, including those the configuration turns off. */
  private readonly allRuleIds: readonly string[];
  private readonly context: RuleContext;
  private readonly workspaceRoot: string | undefined;
  private readonly metadataGlobs: ReturnType<typeof ignore> | undefined;
  readonly python: PythonFindings | undefined;
  readonly pythonRules: readonly PythonRule[];

  constructor(options: AnalyzerOptions = {}) {
    this.config = options.config ?? DEFAULT_CONFIG;
    const settings = this.config.config.rules ?? {};
    const pythonRules = options.pythonRules ?? PYTHON_RULES;
    this.allRuleIds = [...(options.rules ?? ALL_RULES), ...pythonRules].map((rule) => rule.meta.id);
    this.rules = (options.rules ?? ALL_RULES).filter((rule) => settings[rule.meta.id] !== 'off');
    this.pythonRules = pythonRules.filter((rule) => settings[rule.meta.id] !== 'off');
    this.python = options.python;
    this.context = {
      config: this.config,
      cluster: options.cluster ?? clusterFromProfile(this.config.config.cluster),
      ...(options.deployedImageDigests ? { deployedImageDigests: options.deployedImageDigests } : {}),
      ...(options.workspace ? { workspace: options.workspace } : {}),
    };
    this.workspaceRoot = options.workspaceRoot?.replace(/\/$/, '');
    const globs = this.config.config.registry?.metadataGlobs;
    this.metadataGlobs = globs && globs.length > 0 ? ignore().add([...globs]) : undefined;
  }

  relativePath(uri: string): string | undefined {
    if (!this.workspaceRoot || !uri.startsWith(`${this.workspaceRoot}/`)) return undefined;
    return decodeURIComponent(uri.slice(this.workspaceRoot.length + 1));
  }

  analyze(document: SourceDocument): FileResult {
    const { uri, text } = document;
    switch (fileKindOf(uri)) {
      case 'config':
        return {
          uri,
          findings: [],
          notes: loadConfig(uri, text, { knownRuleIds: this.allRuleIds }).notes,
        };
      case 'yaml': {
        const parsed = parseYaml(uri, text);
        const file = readManifest(parsed);
        const findings = this.run('manifest', uri, parsed.lines, (rule) =>
          rule.target === 'manifest'
            ? withoutFixesInCompiledPipelines(file, rule.check(file, this.context))
            : [],
        );
        const experiments = this.experimentConfigFindings({
          uri,
          format: 'yaml',
          lines: parsed.lines,
          documents: parsed.documents,
        });
        return { uri, findings: [...findings, ...experiments].sort(byPosition), notes: parsed.notes };
      }
      case 'json': {
        if (isExperimentConfigName(uri) && !text.includes('ModelRegistryMetadata')) {
          const { file, notes } = parseJsonFile(uri, text);
          const documents = file ? [file.doc] : [];
          const lines = file?.lines ?? new LineIndex(text);
          return {
            uri,
            findings: this.experimentConfigFindings({ uri, format: 'json', lines, documents }),
            notes,
          };
        }
        const relative = this.relativePath(uri);
        const byGlob = relative !== undefined && this.metadataGlobs?.ignores(relative) === true;
        if (!byGlob && !text.includes('ModelRegistryMetadata') && !text.includes('"model_name"')) {
          return { uri, findings: [], notes: [] };
        }
        const { file, notes } = parseJsonFile(uri, text);
        // A syntax error matters in a file that is metadata by its glob or its declared schema.
        const declared = byGlob || text.includes('ModelRegistryMetadata');
        if (!file) return { uri, findings: [], notes: declared ? notes : [] };
        if (!byGlob && !isRegistryMetadata(file.value)) return { uri, findings: [], notes: [] };
        const findings = this.run('registry-metadata', uri, file.lines, (rule) =>
          rule.target === 'registry-metadata' ? rule.check(file, this.context) : [],
        );
        return { uri, findings, notes };
      }
      case 'requirements':
      case 'pyproject': {
        const file =
          fileKindOf(uri) === 'pyproject' ? parsePyproject(uri, text) : parseRequirements(uri, text);
        const findings = [
          ...this.run('dependencies', uri, file.lines, (rule) =>
            rule.target === 'dependencies' ? rule.check(file, this.context) : [],
          ),
          ...this.run('environment', uri, file.lines, (rule) =>
            rule.target === 'environment' ? rule.check({ kind: 'dependencies', file }, this.context) : [],
          ),
        ].sort(byPosition);
        return { uri, findings, notes: [] };
      }
      case 'dockerfile': {
        const file = parseDockerfile(uri, text);
        const findings = this.run('environment', uri, file.lines, (rule) =>
          rule.target === 'environment' ? rule.check({ kind: 'dockerfile', file }, this.context) : [],
        );
        return { uri, findings, notes: [] };
      }
      case 'dvc-config':
      case 'readme': {
        const file: DvcSetupFile =
          fileKindOf(uri) === 'readme'
            ? { kind: 'readme', uri, lines: new LineIndex(text) }
            : { kind: 'dvc-config', uri, lines: new LineIndex(text), config: parseDvcConfig(uri, text) };
        const findings = this.run('dvc', uri, file.lines, (rule) =>
          rule.target === 'dvc' ? rule.check(file, this.context) : [],
        );
        return { uri, findings, notes: [] };
      }
      case 'python':
      case 'notebook':
        return this.analyzePython(uri, text);
      default:
        return { uri, findings: [], notes: [] };
    }
  }

  /**
   * Python files and notebooks: the file's facts go into the workspace index, then its own rules
   * and its share of its training-serving pairs' rules run. Notebook ranges are mapped from the
   * analysed cells back to the `.ipynb` text; their fixes are offered where cells are documents
   * (the editor), not on the JSON file. A notebook synced cell by cell (LSP notebook documents)
   * gets findings on its cell documents instead, whatever `text` is.
   */
  private analyzePython(uri: string, text: string): FileResult {
    if (!this.python) return { uri, findings: [], notes: [] };
    this.python.sync?.(uri, text);
    const facts = this.python.facts(uri);
    if (!facts) return { uri, findings: [], notes: [] };
    const notebook = facts.notebook;
    const lines = new LineIndex(text);
    const positions = notebook ? new NotebookJsonPositions(text) : undefined;
    const toFileRange = (range: Range): Range | undefined => {
      if (!notebook || !positions) return range;
      const location = toCellLocation(notebook, range);
      return location ? positions.range(location.cellIndex, location.range) : undefined;
    };
    const rules = new Map(this.pythonRules.map((rule) => [rule.meta.id, rule]));
    const python = this.python;
    // Locations and edits in notebooks: on their cells when synced, else fixes there are dropped.
    const notebookOf = (other: string) => python.facts(other)?.notebook;
    const related = (finding: Finding): Finding => ({
      ...finding,
      related: relatedInCells(finding.related, notebookOf),
      fixes: fixesInCells(finding.fixes, (other) => (other === uri ? undefined : notebookOf(other))),
    });
    if (isSyncedNotebook(notebook)) {
      // Synced cell by cell: findings, fixes and notes belong to the cell documents.
      const findings = python.findingsFor(uri).flatMap((report) => {
        const rule = rules.get(report.ruleId);
        if (!rule || report.uri !== uri) return [];
        return toCellFinding(related(this.toFinding(rule, report, uri)), notebook) ?? [];
      });
      return { uri, findings, notes: facts.notes.map((note) => toCellNote(note, notebook)) };
    }
    const findings: Finding[] = [];
    for (const report of python.findingsFor(uri)) {
      const rule = rules.get(report.ruleId);
      if (!rule || report.uri !== uri) continue;
      if (!notebook && isSuppressed(lines, report.range.start.line, rule.meta.id)) continue;
      const range = toFileRange(report.range);
      if (!range) continue;
      const finding = related(this.toFinding(rule, { ...report, range }, uri));
      findings.push(notebook ? { ...finding, fixes: [] } : finding);
    }
    const notes = facts.notes.flatMap((note) => {
      const range = toFileRange(note.range);
      return range ? [{ ...note, range }] : [];
    });
    return { uri, findings: findings.sort(byPosition), notes };
  }

  /** A/B experiment configuration (YAML or JSON), judged by the experiment rules among the Python ones. */
  private experimentConfigFindings(file: ExperimentConfigFile): Finding[] {
    if (!isExperimentConfigName(file.uri)) return [];
    const findings: Finding[] = [];
    for (const rule of this.pythonRules) {
      if (rule.target !== 'python-file' || !rule.checkExperimentConfig) continue;
      for (const report of rule.checkExperimentConfig(file)) {
        if (isSuppressed(file.lines, report.range.start.line, rule.meta.id)) continue;
        findings.push(this.toFinding(rule, report, file.uri));
      }
    }
    return findings;
  }

  private run(
    target: Rule['target'],
    uri: string,
    lines: LineIndex,
    check: (rule: Rule) => Report[],
  ): Finding[] {
    const findings: Finding[] = [];
    for (const rule of this.rules) {
      if (rule.target !== target) continue;
      for (const report of check(rule)) {
        const findingUri = report.uri ?? uri;
        if (findingUri === uri && isSuppressed(lines, report.range.start.line, rule.meta.id)) continue;
        findings.push(this.toFinding(rule, report, findingUri));
      }
    }
    return findings.sort(byPosition);
  }

  private toFinding(rule: { readonly meta: RuleMeta }, report: Report, uri: string): Finding {
    const setting = this.config.config.rules?.[rule.meta.id];
    const severity = setting && setting !== 'off' ? setting : (report.severity ?? rule.meta.defaultSeverity);
    return {
      ruleId: rule.meta.id,
      severity,
      message: report.message,
      uri,
      range: report.range,
      docsUrl: docsUrl(rule.meta.id),
      related: report.related ?? [],
      fixes: report.fixes ?? [],
    };
  }
}
