/**
 * A model version's `ModelRegistryMetadata` document, checked against the product's JSON
 * Schema: what is known goes in, and the schema says what is still missing.
 */
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import schema from '../../server/registry/model-registry-metadata.schema.json' with { type: 'json' };
import type { ModelVersion, ModelVersionMetadataResponse, ProvenanceBadge } from '../api/contract.ts';
import { missingProvenance, type ModelProvenance } from './model-provenance.ts';
import { accountabilityOf } from './model-accountability.ts';

const ajv = new Ajv({ allErrors: true, strict: false });
// ajv-formats is CommonJS: `.default` is the plugin under Node and under esbuild alike.
ajvFormats.default(ajv);
const validate = ajv.compile(schema);

export function provenanceBadge(provenance: ModelProvenance | undefined): ProvenanceBadge {
  return provenance !== undefined && missingProvenance(provenance).length === 0 ? 'complete' : 'incomplete';
}

export function metadataDocument(
  version: ModelVersion,
  provenance: ModelProvenance = {},
): ModelVersionMetadataResponse {
  const metadata: ModelVersionMetadataResponse['metadata'] = {
    model_name: version.name,
    version: version.version,
    artifact_uri: version.source,
    provenance: {},
  };
  if (provenance.framework !== undefined) metadata.framework = provenance.framework;
  if (provenance.signature !== undefined) metadata.signature = provenance.signature;
  if (provenance.gitCommit !== undefined) metadata.provenance.git_commit = provenance.gitCommit;
  if (provenance.datasetSnapshotUri !== undefined)
    metadata.provenance.dataset_snapshot_uri = provenance.datasetSnapshotUri;
  if (provenance.environmentLockfileUri !== undefined)
    metadata.provenance.environment_lockfile_uri = provenance.environmentLockfileUri;
  Object.assign(metadata, accountabilityOf(version.tags));
  const valid = validate(metadata);
  const schemaErrors = (validate.errors ?? []).map(
    (e) => `${e.instancePath === '' ? '/' : e.instancePath} ${e.message ?? 'is invalid'}`,
  );
  const missing = missingProvenance(provenance);
  return {
    metadata,
    valid,
    schema_errors: valid ? [] : schemaErrors,
    provenance: { badge: missing.length === 0 ? 'complete' : 'incomplete', missing },
  };
}
