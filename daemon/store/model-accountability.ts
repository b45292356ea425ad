/**
 * The accountability fields of a version's ModelRegistryMetadata (`owner`, `intended_use`,
 * `limitations`, `approval`, `changelog`), read from its `mlops_lens.*` tags; empty tags count
 * as absent.
 */
import type { KeyValue, ModelRegistryMetadata } from '../api/contract.ts';
import { SCORECARD_TAGS } from '../api/scorecard-contract.ts';

type Accountability = Pick<
  ModelRegistryMetadata,
  'owner' | 'intended_use' | 'limitations' | 'approval' | 'changelog'
>;

export function accountabilityOf(tags: readonly KeyValue[]): Accountability {
  const value = (key: string): string | undefined => {
    const found = tags.find((t) => t.key === key)?.value.trim();
    return found === undefined || found === '' ? undefined : found;
  };
  const out: Accountability = {};
  const owner = value(SCORECARD_TAGS.owner);
  if (owner !== undefined) out.owner = owner;
  const intendedUse = value(SCORECARD_TAGS.intendedUse);
  if (intendedUse !== undefined) out.intended_use = intendedUse;
  const limitations = value(SCORECARD_TAGS.limitations);
  if (limitations !== undefined) out.limitations = limitations;
  const approvedBy = value(SCORECARD_TAGS.approvedBy);
  if (approvedBy !== undefined) {
    const approvedAt = value(SCORECARD_TAGS.approvedAt);
    out.approval =
      approvedAt === undefined
        ? { approved_by: approvedBy }
        : { approved_by: approvedBy, approved_at: approvedAt };
  }
  const changelog = value(SCORECARD_TAGS.changelog);
  if (changelog !== undefined) out.changelog = changelog;
  return out;
}
