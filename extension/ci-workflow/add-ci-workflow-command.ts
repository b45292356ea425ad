/**
 * "MLOps Lens: Add CI Workflow": plans the workflow from the workspace folder's files and writes
 * `.github/workflows/mlops-lens.yml`, after confirming before it replaces an existing one.
 */
import type { ExtensionContext, WorkspaceFolder } from 'vscode';
import { commands, RelativePattern, Uri, window, workspace } from 'vscode';
import { CI_WORKFLOW_PATH, ciWorkflowYaml } from './ci-workflow.ts';
import { planCiWorkflow, planReads } from './ci-workflow-plan.ts';

export const ADD_CI_WORKFLOW_COMMAND = 'mlopsLens.addCiWorkflow';
const EXCLUDED = '**/{node_modules,.venv,venv,.git,dist,build}/**';
const MAX_FILES = 20_000;

async function pickFolder(): Promise<WorkspaceFolder | undefined> {
  const folders = workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return window.showWorkspaceFolderPick({ placeHolder: 'The folder to add the CI workflow to' });
}

async function exists(uri: Uri): Promise<boolean> {
  try {
    await workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function workflowFor(folder: WorkspaceFolder, version: string): Promise<string> {
  const found = await workspace.findFiles(new RelativePattern(folder, '**/*'), EXCLUDED, MAX_FILES);
  const paths = found.map((uri) => workspace.asRelativePath(uri, false));
  const texts = new Map<string, string>();
  for (const [index, path] of paths.entries()) {
    const uri = found[index];
    if (!uri || !planReads(path)) continue;
    texts.set(path, new TextDecoder().decode(await workspace.fs.readFile(uri)));
  }
  return ciWorkflowYaml(planCiWorkflow(paths, (path) => texts.get(path), { lens: version }));
}

export function registerAddCiWorkflowCommand(context: ExtensionContext): void {
  context.subscriptions.push(
    commands.registerCommand(ADD_CI_WORKFLOW_COMMAND, async () => {
      const folder = await pickFolder();
      if (!folder) {
        void window.showErrorMessage('MLOps Lens: open a folder to add a CI workflow to.');
        return;
      }
      const target = Uri.joinPath(folder.uri, CI_WORKFLOW_PATH);
      if (await exists(target)) {
        const overwrite = 'Overwrite';
        const choice = await window.showWarningMessage(
          `${CI_WORKFLOW_PATH} already exists in ${folder.name}. Overwrite it?`,
          { modal: true },
          overwrite,
        );
        if (choice !== overwrite) return;
      }
      const declared = (context.extension.packageJSON as { version?: unknown }).version;
      const version = typeof declared === 'string' ? declared : 'latest';
      const text = await workflowFor(folder, version);
      await workspace.fs.createDirectory(Uri.joinPath(target, '..'));
      await workspace.fs.writeFile(target, new TextEncoder().encode(text));
      await window.showTextDocument(target);
    }),
  );
}
