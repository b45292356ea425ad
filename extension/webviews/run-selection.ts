/**
 * Which runs a Runs view command applies to. With `canSelectMany`, VS Code passes the item the
 * command was invoked on and the whole selection; the selection wins when it has items.
 * No `vscode` import at run time, so it is unit tested.
 */
import type { RunsNode } from '../views/runs-tree.ts';

/** The run ids of the items a view command was invoked on: the whole selection, else the item. */
export function selectedRunIds(
  item: RunsNode | undefined,
  selection: readonly RunsNode[] | undefined,
): string[] {
  const items = selection && selection.length > 0 ? selection : item ? [item] : [];
  return items.flatMap((node) => (node.kind === 'run' ? [node.run.info.run_id] : []));
}
