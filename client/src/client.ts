import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { registerCheckWorkspace } from './checkWorkspace';
import { registerReference, trustReferenceLinks } from './reference';

/**
 * The languages the server analyses, in every URI scheme: saved files, untitled buffers and virtual workspaces
 * (`vscode-vfs:`, a remote repository). The server works on the text VS Code sends; the only file it ever reads
 * is an imported `file:` module for "Replace with named constant", so other schemes need nothing from disk.
 */
export const languages = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'];
export const documentSelector = languages.map((language) => ({ language }));

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
		// VS Code runs `command:` links: the server adds "More…" (the reference page) to its hovers.
		// No workspace diagnostics: offered them, this client pulls every file of the workspace at start and again two
		// seconds after each answer; "Check Workspace" does it when asked.
		initializationOptions: { commandLinks: true, workspaceDiagnostics: false },
		middleware: { provideHover: trustReferenceLinks },
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
	registerReference(context, client);
	registerCheckWorkspace(context, client);

	await client.start();
	const configuration = vscode.workspace.getConfiguration('websocketCloseCodes');
	outputChannel.info(`WebSocket Close Codes ${String(context.extension.packageJSON.version)} started: ` +
		`VS Code display language ${vscode.env.language}, language setting ${configuration.get('language')}, ` +
		`environment setting ${configuration.get('environment')}, UI ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}`);
	return client;
}
