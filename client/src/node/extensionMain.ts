/**
 * `main` of the extension in desktop VS Code and code-server: runs the bundled server in a Node child process
 * over IPC.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { startClient } from '../client';
import { serverNodeArguments } from './serverArguments';

let client: BaseLanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
	const module = context.asAbsolutePath('server/dist/node/serverMain.js');
	const serverOptions: ServerOptions = {
		run: { module, transport: TransportKind.ipc, options: { execArgv: [...serverNodeArguments] } },
		// F5 debugging: attach to the server on port 6009 ("Attach to Server" in .vscode/launch.json).
		debug: { module, transport: TransportKind.ipc, options: { execArgv: [...serverNodeArguments, '--nolazy', '--inspect=6009'] } },
	};
	client = await startClient(context, (id, name, options) => new LanguageClient(id, name, serverOptions, options));
}

export async function deactivate(): Promise<void> {
	await client?.stop();
	client = undefined;
}
