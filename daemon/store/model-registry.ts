/**
 * The model registry behind one facade: each call is one transaction (writes) or one
 * consistent read, like the tracking store it belongs to. `actor` names who changed an alias
 * or a stage, for the audit log.
 */
import type Database from 'better-sqlite3';
import type { KeyValue, ModelVersion, RegisteredModel, RegistryAuditEntry } from '../api/contract.ts';
import {
  ModelVersionStore,
  type CreateVersionInput,
  type SearchVersionsQuery,
} from './model-version-store.ts';
import { RegisteredModelStore, type SearchModelsQuery } from './registered-model-store.ts';
import { RegistryAudit } from './registry-audit.ts';
import { RegistryReader } from './registry-rows.ts';

export interface TransactionRunner {
  write<T>(work: () => T): T;
  read<T>(work: () => T): T;
}

export class ModelRegistry {
  readonly #tx: TransactionRunner;
  readonly #models: RegisteredModelStore;
  readonly #versions: ModelVersionStore;
  readonly #audit: RegistryAudit;

  constructor(db: Database.Database, now: () => number, tx: TransactionRunner) {
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

  createVersion(input: CreateVersionInput): ModelVersion {
    return this.#tx.write(() => this.#versions.create(input));
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
