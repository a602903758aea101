import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';

/** The languages (and URI schemes: saved files and untitled buffers) the server analyses. */
export const languages = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'];
export const documentSelector = languages.flatMap((language) => [
	{ scheme: 'file', language },
	{ scheme: 'untitled', language },
]);

export type ClientFactory = (id: string, name: string, options: LanguageClientOptions) => BaseLanguageClient;

/**
 * Starts the language client — shared by every runtime entry (Node and the web worker).
 * Registers the extension's commands and returns when the server is up.
 */
export async function startClient(context: vscode.ExtensionContext, createClient: ClientFactory): Promise<BaseLanguageClient> {
	const outputChannel = vscode.window.createOutputChannel('WebSocket Close Codes', { log: true });
	context.subscriptions.push(outputChannel);

	const client = createClient('websocketCloseCodes', 'WebSocket Close Codes', {
		documentSelector,
		outputChannel,
		// The server pulls `websocketCloseCodes.*` per document; this also forwards change notifications.
		synchronize: { configurationSection: 'websocketCloseCodes' },
	});

	context.subscriptions.push(
		vscode.commands.registerCommand('websocketCloseCodes.restartServer', async () => {
			outputChannel.info('Restarting the WebSocket Close Codes server…');
			// Stop and start again (rather than LanguageClient#restart, which only the Node client has).
			await client.stop();
			await client.start();
		}),
		vscode.commands.registerCommand('websocketCloseCodes.showOutput', () => outputChannel.show(true)),
		{ dispose: () => void client.stop() },
	);

	await client.start();
	return client;
}
