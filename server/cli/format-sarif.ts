import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Range, RuleMeta, Severity } from '../engine/types.ts';
import { docsUrl } from '../rules/rule.ts';
import type { CheckResult } from './check-result.ts';

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
};

function artifact(uri: string, root: string): { uri: string; uriBaseId?: string } {
  const file = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  const relative = path.relative(root, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(file).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/** SARIF regions are one-based; columns count UTF-16 code units (declared on the run). */
function region(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** SARIF 2.1.0 for code scanning: rule metadata with help URIs, results with fixes. */
export function formatSarif(
  result: CheckResult,
  rules: ReadonlyArray<{ readonly meta: RuleMeta }>,
  version: string,
): string {
  const descriptors: ReportingDescriptor[] = rules.map((rule) => ({
    id: rule.meta.id,
    name: rule.meta.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.meta.title },
    helpUri: docsUrl(rule.meta.id),
    defaultConfiguration: { level: LEVEL[rule.meta.defaultSeverity] },
  }));
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const results: Result[] = result.findings.map((finding) => ({
    ruleId: finding.ruleId,
    ...(index.has(finding.ruleId) ? { ruleIndex: index.get(finding.ruleId) } : {}),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifact(finding.uri, result.root),
          region: region(finding.range),
        },
      },
    ],
    ...(finding.related.length > 0
      ? {
          relatedLocations: finding.related.map((related, id) => ({
            id,
            message: { text: related.message },
            physicalLocation: {
              artifactLocation: artifact(related.uri, result.root),
              region: region(related.range),
            },
          })),
        }
      : {}),
    ...(finding.fixes.length > 0
      ? {
          fixes: finding.fixes.map((fix) => ({
            description: { text: fix.title },
            artifactChanges: fix.changes.map((change) => ({
              artifactLocation: artifact(change.uri, result.root),
              replacements: change.edits.map((edit) => ({
                deletedRegion: region(edit.range),
                insertedContent: { text: edit.newText },
              })),
            })),
          })),
        }
      : {}),
  }));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'MLOps Lens',
            semanticVersion: version,
            informationUri: 'https://github.com/mlops-lens/mlops-lens',
            rules: descriptors,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(result.root + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.notes.map((note) => ({
              level: LEVEL[note.severity],
              message: { text: note.message },
              descriptor: { id: note.code },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: artifact(note.uri, result.root),
                    region: region(note.range),
                  },
                },
              ],
            })),
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
