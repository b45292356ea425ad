import { isMap } from 'yaml';
import type { Scalar } from 'yaml';
import type { Fix, Report, TextEdit } from '../../engine/types.ts';
import { insertIntoMap, replaceNode } from '../../yaml/edit.ts';
import { keyRange, nodeRange } from '../../yaml/navigate.ts';
import { readHelmImageBlocks } from '../../workloads/helm-images.ts';
import type { HelmImageBlock } from '../../workloads/helm-images.ts';
import type { ManifestFile, Workload } from '../../workloads/model.ts';
import { classifyRole } from '../../workloads/role.ts';
import type { ManifestRule, RuleContext } from '../rule.ts';
import { mutability, parseImageReference } from './image-reference.ts';

/** What the user types over: not a valid tag, so an unedited fix cannot be pulled by mistake. */
export const TAG_PLACEHOLDER = '<tag>';

const WHY = 'a rollback or a rescheduled pod then runs whatever the tag points to now';

function isServingOrTraining(role: Workload['role']): boolean {
  return role === 'serving' || role === 'training';
}

/** Where `marker` lands once `edit` is applied: the range an editor selects for typing over. */
function placeholderOf(uri: string, edit: TextEdit, marker: string): Fix['placeholder'] {
  const index = edit.newText.lastIndexOf(marker);
  if (index === -1) return undefined;
  const before = edit.newText.slice(0, index).split(/\r?\n/);
  const { line, character } = edit.range.start;
  const startLine = line + before.length - 1;
  const startCharacter = (before.length === 1 ? character : 0) + (before.at(-1)?.length ?? 0);
  return {
    uri,
    range: {
      start: { line: startLine, character: startCharacter },
      end: { line: startLine, character: startCharacter + marker.length },
    },
  };
}

/** A fix made of one edit, with its placeholder when it writes one. */
function fixOf(file: ManifestFile, title: string, edit: TextEdit, marker?: string): Fix {
  const placeholder = marker === undefined ? undefined : placeholderOf(file.uri, edit, marker);
  return {
    title,
    changes: [{ uri: file.uri, edits: [edit] }],
    safe: false,
    ...(placeholder ? { placeholder } : {}),
  };
}

/** Rewrites a scalar, keeping its quotes. */
function rewriteScalar(file: ManifestFile, node: Scalar, text: string): TextEdit {
  const source = file.lines.text.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0);
  const quote = source.startsWith('"') || source.startsWith("'") ? (source[0] ?? '') : '';
  return replaceNode(node, `${quote}${text}${quote}`, file.lines);
}

const PIN_TITLE = 'Pin a version tag (type it over the placeholder)';

function scalarImageFixes(file: ManifestFile, image: string, node: Scalar, context: RuleContext): Fix[] {
  const { name } = parseImageReference(image);
  const fixes: Fix[] = [];
  const digest = context.deployedImageDigests?.get(image);
  if (digest) {
    const title = `Pin to the digest the deployed pods run (${digest.slice(0, 19)}…)`;
    fixes.push(fixOf(file, title, rewriteScalar(file, node, `${name}@${digest}`)));
  }
  fixes.push(
    fixOf(file, PIN_TITLE, rewriteScalar(file, node, `${name}:${TAG_PLACEHOLDER}`), TAG_PLACEHOLDER),
  );
  return fixes;
}

function checkContainers(file: ManifestFile, context: RuleContext): Report[] {
  const reports: Report[] = [];
  for (const workload of file.workloads) {
    if (!isServingOrTraining(workload.role)) continue;
    for (const container of workload.containers) {
      if (!container.image) continue;
      const { value, node } = container.image;
      const kind = mutability(value);
      if (!kind) continue;
      const what = kind === 'latest' ? 'uses the mutable tag latest' : 'has no tag, which means latest';
      reports.push({
        range: nodeRange(node, file.lines),
        message: `Image "${value}" of container "${container.name}" in ${workload.role} workload "${workload.name}" ${what}: ${WHY}. Pin a version tag or a digest.`,
        fixes: scalarImageFixes(file, value, node, context),
      });
    }
  }
  return reports;
}

function helmBlockReport(file: ManifestFile, block: HelmImageBlock): Report | undefined {
  if (block.hasDigest) return undefined;
  const role = classifyRole('Deployment', block.repository, block.path);
  if (!isServingOrTraining(role)) return undefined;
  if (block.tag && block.tag.value === 'latest') {
    return {
      range: nodeRange(block.tag.node, file.lines),
      message: `Image "${block.repository}" in ${block.path} uses the mutable tag latest: ${WHY}. Pin a version tag or set image.digest.`,
      fixes: [fixOf(file, PIN_TITLE, rewriteScalar(file, block.tag.node, TAG_PLACEHOLDER), TAG_PLACEHOLDER)],
    };
  }
  // `tag: ""` is the `helm create` convention for "the chart's appVersion": pinned by the chart.
  if (block.tagPair) return undefined;
  return {
    range: keyRange(block.imagePair, file.lines),
    message: `Image "${block.repository}" in ${block.path} has no tag: unless the chart's template supplies one, it runs latest, and ${WHY}. Pin a version tag.`,
    fixes: [
      fixOf(
        file,
        'Add a version tag (type it over the placeholder)',
        insertIntoMap(block.map, [{ key: 'tag', value: TAG_PLACEHOLDER }], file.lines),
        TAG_PLACEHOLDER,
      ),
    ],
  };
}

/**
 * Serving and training workloads should run immutable image versions: with no tag or `latest`,
 * a rollback does not return to the old code, and two replicas may run different builds.
 */
export const serveMutableImage: ManifestRule = {
  meta: {
    id: 'serve/mutable-image',
    defaultSeverity: 'warning',
    title: 'Serving or training image without a pinned tag or digest',
  },
  target: 'manifest',
  check(file, context) {
    // Images written as one string (`image: repo:tag`), in manifests and beside values' resources.
    const reports = checkContainers(file, context);
    if (file.source !== 'helm-values') return reports;
    for (const doc of file.documents) {
      if (!isMap(doc.contents)) continue;
      for (const block of readHelmImageBlocks(doc.contents, doc)) {
        const report = helmBlockReport(file, block);
        if (report) reports.push(report);
      }
    }
    return reports;
  },
};
