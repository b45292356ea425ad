/** Every rule, listed alphabetically by id. */
import { dvcRemoteCredentialsInRepo } from './dvc/remote-credentials-in-repo.ts';
import { dvcRemoteUndocumented } from './dvc/remote-undocumented.ts';
import { gpuComposeAllDevices } from './gpu/compose-all-devices.ts';
import { gpuLimitsMissing } from './gpu/limits-missing.ts';
import { gpuMemoryLimitMissing } from './gpu/memory-limit-missing.ts';
import { gpuNonInteger } from './gpu/non-integer.ts';
import { gpuOomLeavesNoLogs } from './gpu/oom-leaves-no-logs.ts';
import { gpuRequestLimitMismatch } from './gpu/request-limit-mismatch.ts';
import { gpuUnknownMigProfile } from './gpu/unknown-mig-profile.ts';
import { gpuWholeDeviceRequest } from './gpu/whole-device-request.ts';
import { registryMetadataInvalid } from './registry/metadata-invalid.ts';
import { reproSharedTrainServeDeps } from './repro/shared-train-serve-deps.ts';
import { reproUnpinnedRequirements } from './repro/unpinned-requirements.ts';
import type { Rule } from './rule.ts';
import { serveMutableImage } from './serve/mutable-image.ts';
import { serveNoReadinessProbe } from './serve/no-readiness-probe.ts';

export const ALL_RULES: readonly Rule[] = [
  dvcRemoteCredentialsInRepo,
  dvcRemoteUndocumented,
  gpuComposeAllDevices,
  gpuLimitsMissing,
  gpuMemoryLimitMissing,
  gpuNonInteger,
  gpuOomLeavesNoLogs,
  gpuRequestLimitMismatch,
  gpuUnknownMigProfile,
  gpuWholeDeviceRequest,
  registryMetadataInvalid,
  reproSharedTrainServeDeps,
  reproUnpinnedRequirements,
  serveMutableImage,
  serveNoReadinessProbe,
];
