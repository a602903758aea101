/**
 * `browser` entry of the extension (VS Code for the Web: vscode.dev, github.dev, and the web extension host of any
 * VS Code): runs the bundled server in a web worker and talks LSP to it over `postMessage`.
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { languages, startClient } from '../client';

let client: BaseLanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
	const serverMain = vscode.Uri.joinPath(context.extensionUri, 'server/dist/browser/serverMain.js');
	// Files in a web workspace are not `file:` (github.dev: `vscode-vfs`, a mounted folder: `vscode-test-web`, …):
	// select by language on every scheme; the server reads nothing but what the editor sends it.
	const documentSelector = languages.map((language) => ({ language }));
	client = await startClient(context, (id, name, options) => {
		const worker = new Worker(serverMain.toString(true));
		// The server's first message (before any LSP message): where the shared TypeScript file is (server/src/browser/bootstrap.ts).
		worker.postMessage({ typescriptUrl: vscode.Uri.joinPath(context.extensionUri, 'server/dist/typescript.js').toString(true) });
		return new LanguageClient(id, name, worker, { ...options, documentSelector });
	});
}

export async function deactivate(): Promise<void> {
	await client?.stop();
	client = undefined;
}
