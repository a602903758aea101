import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

/**
 * "WebSocket Close Codes: Check Workspace": the server checks every file of the workspace (with close codes linked
 * across modules) and fills the Problems panel; here it gets a cancellable progress notification and a summary.
 * The server writes every message, in the language the extension is set to.
 */
const command = 'websocketCloseCodes.checkWorkspace';
const request = 'websocketCloseCodes/checkWorkspace';
const progressNotification = 'websocketCloseCodes/checkWorkspaceProgress';

interface Progress {
	readonly done: number;
	readonly total: number;
	readonly message: string;
}

interface Result {
	readonly problems: number;
	readonly message: string;
}

export function registerCheckWorkspace(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
	context.subscriptions.push(vscode.commands.registerCommand(command, async () => {
		const result = await vscode.window.withProgress(
			{ location: vscode.ProgressLocation.Notification, title: 'WebSocket Close Codes', cancellable: true },
			async (progress, token) => {
				let shown = 0;
				const listening = client.onNotification(progressNotification, ({ done, total, message }: Progress) => {
					const percent = total > 0 ? (done / total) * 100 : 0;
					progress.report({ message, increment: Math.max(0, percent - shown) });
					shown = Math.max(shown, percent);
				});
				try {
					return await client.sendRequest<Result>(request, {}, token);
				} finally {
					listening.dispose();
				}
			},
		);
		// The summary is not awaited: the command is done when the check is (a test or a keybinding need not wait for a click).
		const openProblems = vscode.l10n.t('Open Problems');
		void (result.problems > 0 ? vscode.window.showWarningMessage(result.message, openProblems) : vscode.window.showInformationMessage(result.message))
			.then((choice) => choice === openProblems ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined);
		return result;
	}));
}
