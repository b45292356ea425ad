import type { ExtensionContext } from 'vscode';
import { commands, env, Uri, window, workspace } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CheckWorkspaceRequest } from '../server/lsp/protocol.ts';

export const COMMAND_IDS = {
  checkWorkspace: 'mlopsLens.checkWorkspace',
  openRuleDocs: 'mlopsLens.openRuleDocs',
  showOutput: 'mlopsLens.showOutput',
} as const;

/** Registers the commands; `client` is resolved lazily so activation stays cheap. */
export function registerCommands(
  context: ExtensionContext,
  client: () => Promise<LanguageClient>,
  showOutput: () => void,
): void {
  context.subscriptions.push(
    commands.registerCommand(COMMAND_IDS.checkWorkspace, async () => {
      const result = await window.withProgress(
        { location: { viewId: 'workbench.view.explorer' }, title: 'MLOps Lens: checking the workspace' },
        async () => (await client()).sendRequest(CheckWorkspaceRequest, {}),
      );
      const { error, warning, information } = result.counts;
      const summary = `MLOps Lens checked ${result.files} files: ${error} errors, ${warning} warnings, ${information} information.`;
      const choice = await window.showInformationMessage(summary, 'Show Problems');
      if (choice === 'Show Problems') await commands.executeCommand('workbench.actions.view.problems');
    }),
    commands.registerCommand(COMMAND_IDS.openRuleDocs, async (ruleId?: string) => {
      const id =
        ruleId ??
        (await window.showInputBox({
          prompt: 'Rule id, for example gpu/whole-device-request',
          validateInput: (v) => (/^[a-z]+\/[a-z0-9-]+$/.test(v) ? undefined : 'area/kebab-name'),
        }));
      if (!id) return;
      const local = Uri.joinPath(context.extensionUri, 'docs', 'rules', `${id}.md`);
      try {
        await workspace.fs.stat(local);
        await commands.executeCommand('markdown.showPreview', local);
      } catch {
        await env.openExternal(
          Uri.parse(`https://github.com/mlops-lens/mlops-lens/blob/main/docs/rules/${id}.md`),
        );
      }
    }),
    commands.registerCommand(COMMAND_IDS.showOutput, showOutput),
  );
}
