import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver';
import { DidChangeConfigurationNotification, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from './service';
import { SettingsStore } from './settings';

/**
 * The language server, independent of how it talks to the editor (stdio, IPC, or a web worker's messages).
 * Handlers stay a few lines long: look up the document, ask the service, return its answer.
 */
export function startServer(connection: Connection): void {
	const documents = new TextDocuments(TextDocument);
	const service = createLanguageService();
	let settings = new SettingsStore(connection, undefined, false);

	connection.onInitialize((params: InitializeParams): InitializeResult => {
		const canPullConfiguration = params.capabilities.workspace?.configuration === true;
		settings = new SettingsStore(connection, params.locale, canPullConfiguration);
		return {
			capabilities: {
				textDocumentSync: TextDocumentSyncKind.Incremental,
				hoverProvider: true,
			},
			serverInfo: { name: 'ws-close-codes-language-server' },
		};
	});

	connection.onInitialized(() => {
		if (settings.canPullConfiguration) {
			// Ask to be told about every change, so cached per-document settings never go stale.
			void connection.client.register(DidChangeConfigurationNotification.type, { section: 'websocketCloseCodes' });
		}
	});

	connection.onDidChangeConfiguration((change) => {
		settings.changed(change.settings);
	});

	connection.onHover(async (params) => {
		const document = documents.get(params.textDocument.uri);
		if (!document) {
			return null;
		}
		const documentSettings = await settings.forDocument(document.uri);
		return documentSettings.hoverEnabled ? service.doHover(document, params.position, documentSettings) : null;
	});

	documents.onDidClose((event) => {
		service.closeDocument(event.document.uri);
		settings.forget(event.document.uri);
	});

	documents.listen(connection);
	connection.listen();
}
