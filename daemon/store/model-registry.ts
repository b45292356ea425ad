/**
 * The model registry behind one facade: each call is one transaction (writes) or one
 * consistent read, like the tracking store it belongs to. `actor` names who changed an alias
 * or a stage, for the audit log.
 */
import type Database from 'better-sqlite3';
import {
  DECLARED_PROVENANCE_TAG_PREFIX,
  PROVENANCE_MISSING_TAG,
  type KeyValue,
  type ModelVersion,
  type ModelVersionMetadataResponse,
  type ProvenanceGateMode,
  type RegisteredModel,
  type RegistryAuditEntry,
} from '../api/contract.ts';
import { metadataDocument } from './model-metadata-document.ts';
import { readModelProvenance, saveModelProvenance } from './model-metadata-rows.ts';
import {
  missingProvenance,
  modelProvenance,
  withDeclaredProvenance,
  type ModelProvenance,
} from './model-provenance.ts';
import {
  ModelVersionStore,
  type CreateVersionInput,
  type SearchVersionsQuery,
} from './model-version-store.ts';
import { RegisteredModelStore, type SearchModelsQuery } from './registered-model-store.ts';
import { RegistryAudit } from './registry-audit.ts';
import { RegistryReader } from './registry-rows.ts';
import { readRunEvidence, runIdOfSource } from './run-evidence.ts';
import { invalidParameter } from './tracking-error.ts';

export interface TransactionRunner {
  write<T>(work: () => T): T;
  read<T>(work: () => T): T;
}

export class ModelRegistry {
  readonly #db: Database.Database;
  readonly #tx: TransactionRunner;
  readonly #models: RegisteredModelStore;
  readonly #versions: ModelVersionStore;
  readonly #audit: RegistryAudit;

  constructor(db: Database.Database, now: () => number, tx: TransactionRunner) {
    this.#db = db;
    this.#tx = tx;
    const reader = new RegistryReader(db);
    this.#audit = new RegistryAudit(db, now);
    this.#versions = new ModelVersionStore(db, now, reader, this.#audit);
    this.#models = new RegisteredModelStore(db, now, reader, this.#versions, this.#audit);
  }

  createModel(name: string, description = '', tags: KeyValue[] = []): RegisteredModel {
    return this.#tx.write(() => this.#models.create(name, description, tags));
  }
  getModel(name: string): RegisteredModel {
    return this.#tx.read(() => this.#models.get(name));
  }
  renameModel(name: string, newName: string): RegisteredModel {
    return this.#tx.write(() => this.#models.rename(name, newName));
  }
  updateModel(name: string, description: string): RegisteredModel {
    return this.#tx.write(() => this.#models.updateDescription(name, description));
  }
  deleteModel(name: string): void {
    this.#tx.write(() => this.#models.delete(name));
  }
  setModelTag(name: string, tag: KeyValue): void {
    this.#tx.write(() => this.#models.setTag(name, tag));
  }
  deleteModelTag(name: string, key: string): void {
    this.#tx.write(() => this.#models.deleteTag(name, key));
  }
  searchModels(query: SearchModelsQuery): { models: RegisteredModel[]; nextPageToken?: string } {
    return this.#tx.read(() => this.#models.search(query));
  }
  latestVersions(name: string, stages: string[]): ModelVersion[] {
    return this.#tx.read(() => this.#versions.latestVersions(name, stages));
  }

  setAlias(name: string, alias: string, version: string, actor: string): void {
    this.#tx.write(() => this.#models.setAlias(name, alias, version, actor));
  }
  deleteAlias(name: string, alias: string, actor: string): void {
    this.#tx.write(() => this.#models.deleteAlias(name, alias, actor));
  }
  versionByAlias(name: string, alias: string): ModelVersion {
    return this.#tx.read(() => this.#models.versionByAlias(name, alias));
  }
  rollbackAlias(name: string, alias: string, actor: string): ModelVersion {
    return this.#tx.write(() => this.#models.rollbackAlias(name, alias, actor));
  }
  /** The version `alias` pointed to at epoch-millisecond `time`, if any. */
  aliasAt(name: string, alias: string, time: number): string | undefined {
    return this.#tx.read(() => {
      const version = this.#audit.aliasAt(name, alias, time);
      return version === undefined ? undefined : String(version);
    });
  }
  auditTrail(name: string): RegistryAuditEntry[] {
    return this.#tx.read(() => this.#audit.trail(name));
  }
  /** Appends a deployment action to the audit log (call inside the store's `write`). */
  recordDeployment(entry: {
    actor: string;
    name: string;
    action: 'deploy' | 'promote_deployment' | 'roll_back_deployment';
    version: number;
    previousVersion?: number;
    deploymentId: string;
  }): void {
    this.#audit.record(entry);
  }

  /**
   * Creates a version and captures its provenance from the run that produced it (`run_id`, or
   * the run whose artifacts hold `source`). The gate flags (`warn`: a tag) or refuses versions
   * whose code or data is unknown.
   */
  createVersion(input: CreateVersionInput, gate: ProvenanceGateMode = 'off'): ModelVersion {
    return this.#tx.write(() => {
      const runId =
        input.runId !== undefined && input.runId !== '' ? input.runId : runIdOfSource(this.#db, input.source);
      const run = runId === undefined ? undefined : readRunEvidence(this.#db, runId);
      const provenance = withDeclaredProvenance(modelProvenance(input.source, run), input.tags ?? []);
      const missing = missingProvenance(provenance);
      if (missing.length > 0 && gate === 'refuse') {
        throw invalidParameter(
          `Model version of '${input.name}' refused: no provenance (${missing.join(', ')}). Register it ` +
            `from a run that logged the 'mlflow.source.git.commit' tag and its training dataset (log-inputs), ` +
            `or declare them in '${DECLARED_PROVENANCE_TAG_PREFIX}*' version tags.`,
        );
      }
      const tags = [...(input.tags ?? [])];
      if (missing.length > 0 && gate === 'warn')
        tags.push({ key: PROVENANCE_MISSING_TAG, value: missing.join(',') });
      const created = this.#versions.create({ ...input, tags });
      saveModelProvenance(this.#db, created.name, Number(created.version), provenance);
      return created;
    });
  }
  /** The version's ModelRegistryMetadata document, validated against the schema. */
  versionMetadata(name: string, version: string): ModelVersionMetadataResponse {
    return this.#tx.read(() => {
      const found = this.#versions.get(name, version);
      return metadataDocument(found, readModelProvenance(this.#db, name, Number(found.version)));
    });
  }
  /** The captured provenance, or undefined for a version created before it was captured. */
  versionProvenance(name: string, version: string): ModelProvenance | undefined {
    return this.#tx.read(() =>
      readModelProvenance(this.#db, name, Number(this.#versions.get(name, version).version)),
    );
  }
  getVersion(name: string, version: string): ModelVersion {
    return this.#tx.read(() => this.#versions.get(name, version));
  }
  updateVersion(name: string, version: string, description: string): ModelVersion {
    return this.#tx.write(() => this.#versions.updateDescription(name, version, description));
  }
  deleteVersion(name: string, version: string, actor: string): void {
    this.#tx.write(() => this.#versions.delete(name, version, actor));
  }
  transitionStage(
    name: string,
    version: string,
    stage: string,
    archiveExisting: boolean,
    actor: string,
  ): ModelVersion {
    return this.#tx.write(() => this.#versions.transitionStage(name, version, stage, archiveExisting, actor));
  }
  setVersionTag(name: string, version: string, tag: KeyValue): void {
    this.#tx.write(() => this.#versions.setTag(name, version, tag));
  }
  deleteVersionTag(name: string, version: string, key: string): void {
    this.#tx.write(() => this.#versions.deleteTag(name, version, key));
  }
  searchVersions(query: SearchVersionsQuery): { versions: ModelVersion[]; nextPageToken?: string } {
    return this.#tx.read(() => this.#versions.search(query));
  }
  downloadUri(name: string, version: string): string {
    return this.#tx.read(() => this.#versions.get(name, version).source);
  }
}
