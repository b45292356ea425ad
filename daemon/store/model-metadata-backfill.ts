/** Migration 4's backfill: captures the provenance of versions registered before it existed. */
import type Database from 'better-sqlite3';
import { saveModelProvenance } from './model-metadata-rows.ts';
import { modelProvenance } from './model-provenance.ts';
import { readRunEvidence, runIdOfSource } from './run-evidence.ts';

export function backfillModelMetadata(db: Database.Database): void {
  const versions = db.prepare('SELECT name, version, source, run_id FROM model_versions').all() as {
    name: string;
    version: number;
    source: string;
    run_id: string | null;
  }[];
  for (const v of versions) {
    const runId = v.run_id !== null && v.run_id !== '' ? v.run_id : runIdOfSource(db, v.source);
    const run = runId === undefined ? undefined : readRunEvidence(db, runId);
    saveModelProvenance(db, v.name, v.version, modelProvenance(v.source, run));
  }
}
