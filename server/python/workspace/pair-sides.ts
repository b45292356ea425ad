import type { Range } from '../../engine/types.ts';
import type { PythonFileFacts } from '../facts/file-facts.ts';
import { stringOf } from '../facts/static-value.ts';
import { artifactKey } from './artifact-paths.ts';
import type { ValueResolver } from './value-resolver.ts';

export interface SideEntry {
  readonly key: string;
  readonly range: Range;
}

/** What one file contributes to pairing: artifacts saved/loaded and registered model names. */
export interface PairSides {
  readonly saves: readonly SideEntry[];
  readonly loads: readonly SideEntry[];
  readonly registers: readonly SideEntry[];
  readonly loadsRegistered: readonly SideEntry[];
}

export function pairSidesOf(facts: PythonFileFacts, resolver: ValueResolver): PairSides {
  const saves: SideEntry[] = [];
  const loads: SideEntry[] = [];
  const registers: SideEntry[] = [];
  const loadsRegistered: SideEntry[] = [];
  for (const artifact of facts.artifacts) {
    const key = artifact.path ? artifactKey(resolver.resolve(facts.uri, artifact.path)) : null;
    const isRegistryLog = artifact.call.callee.endsWith('.log_model');
    if (key && !isRegistryLog)
      (artifact.direction === 'save' ? saves : loads).push({ key, range: artifact.call.range });
    const name = artifact.registeredModelName
      ? stringOf(resolver.resolve(facts.uri, artifact.registeredModelName))
      : null;
    if (name)
      (artifact.direction === 'save' ? registers : loadsRegistered).push({
        key: name,
        range: artifact.call.range,
      });
  }
  for (const call of facts.mlflow) {
    if (call.api !== 'register_model' || !call.registeredModelName) continue;
    const name = stringOf(resolver.resolve(facts.uri, call.registeredModelName));
    if (name) registers.push({ key: name, range: call.call.range });
  }
  return { saves, loads, registers, loadsRegistered };
}
