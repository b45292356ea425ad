/** A drift report request as the engine takes it, read from `CreateDriftReportRequest` by the route. */
import type { DriftColumnSpec, DriftReferenceChoice } from '../api/contract.ts';

export interface DriftReportRequest {
  modelName: string;
  modelVersion: string;
  from?: number;
  to?: number;
  last?: number;
  reference?: DriftReferenceChoice;
  rollingMs?: number;
  baselineId?: string;
  columnSpecs?: Record<string, DriftColumnSpec>;
}
