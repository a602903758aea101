import type { Connection, Diagnostic, InitializeParams, InitializeResult } from 'vscode-languageserver';
import { CodeActionKind, DidChangeConfigurationNotification, DocumentDiagnosticReportKind, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ModuleReaderFactory } from './moduleResolution';
import { createLanguageService } from './service';
import { SettingsStore } from './settings';

/**
 * The language server, independent of how it talks to the editor (stdio, IPC, or a web worker's messages).
 * Handlers stay a few lines long: look up the document, ask the service, return its answer.
 * `createModuleReader` is the one thing that differs by runtime: the Node server reads imported modules from disk,
 * the web worker (no file system) only from the documents open in the editor.
 */
export function startServer(connection: Connection, createModuleReader: ModuleReaderFactory): void {
	const documents = new TextDocuments(TextDocument);
	let workspaceFolders: readonly string[] = [];
	const readModule = createModuleReader({
		workspaceFolders: () => workspaceFolders,
		openText: (uri) => documents.get(uri)?.getText(),
		log: (message) => connection.console.info(message),
	});
	const service = createLanguageService({ readModule });
	let settings = new SettingsStore(connection, undefined, false);
	/** Pull diagnostics (LSP 3.17) when the client asks for them; otherwise we push after every change. */
	let pullDiagnostics = false;
	let canRefreshDiagnostics = false;
	let canRefreshInlayHints = false;
	const pending = new Map<string, ReturnType<typeof setTimeout>>();

	connection.onInitialize((params: InitializeParams): InitializeResult => {
		const canPullConfiguration = params.capabilities.workspace?.configuration === true;
		settings = new SettingsStore(connection, params.locale, canPullConfiguration);
		pullDiagnostics = params.capabilities.textDocument?.diagnostic !== undefined;
		canRefreshDiagnostics = params.capabilities.workspace?.diagnostics?.refreshSupport === true;
		canRefreshInlayHints = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
		workspaceFolders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
		return {
			capabilities: {
				textDocumentSync: TextDocumentSyncKind.Incremental,
				hoverProvider: true,
				codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, 'refactor.extract.constant', CodeActionKind.RefactorRewrite] },
				// '(' for `close(`, ' ' for `case ` and `code === `: the provider answers null everywhere else.
				completionProvider: { triggerCharacters: ['(', ' '] },
				inlayHintProvider: true,
				...(pullDiagnostics ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
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

	const validate = async (document: TextDocument): Promise<Diagnostic[]> => {
		const documentSettings = await settings.forDocument(document.uri);
		return documentSettings.diagnosticsEnabled ? service.doValidation(document, documentSettings) : [];
	};

	/** Push mode: publish shortly after the last change, so a burst of keystrokes is analysed once. */
	const schedulePush = (document: TextDocument): void => {
		clearTimeout(pending.get(document.uri));
		pending.set(document.uri, setTimeout(() => {
			pending.delete(document.uri);
			const current = documents.get(document.uri);
			if (current) {
				void validate(current).then((diagnostics) => connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics }));
			}
		}, 150));
	};

	connection.onDidChangeConfiguration((change) => {
		settings.changed(change.settings);
		if (canRefreshInlayHints) {
			void connection.languages.inlayHint.refresh();
		}
		if (pullDiagnostics) {
			if (canRefreshDiagnostics) {
				void connection.languages.diagnostics.refresh();
			}
		} else {
			documents.all().forEach(schedulePush);
		}
	});

	connection.onHover(async (params) => {
		const document = documents.get(params.textDocument.uri);
		if (!document) {
			return null;
		}
		const documentSettings = await settings.forDocument(document.uri);
		return documentSettings.hoverEnabled ? service.doHover(document, params.position, documentSettings) : null;
	});

	connection.languages.diagnostics.on(async (params) => {
		const document = documents.get(params.textDocument.uri);
		return { kind: DocumentDiagnosticReportKind.Full, items: document ? await validate(document) : [] };
	});

	connection.onCodeAction(async (params) => {
		const document = documents.get(params.textDocument.uri);
		if (!document) {
			return null;
		}
		return service.getCodeActions(document, params.range, await settings.forDocument(document.uri), params.context.only, params.context.diagnostics);
	});

	connection.onCompletion(async (params) => {
		const document = documents.get(params.textDocument.uri);
		return document ? service.doComplete(document, params.position, await settings.forDocument(document.uri)) : null;
	});

	connection.languages.inlayHint.on(async (params) => {
		const document = documents.get(params.textDocument.uri);
		if (!document) {
			return null;
		}
		const documentSettings = await settings.forDocument(document.uri);
		return documentSettings.inlayHintsEnabled ? service.getInlayHints(document, params.range, documentSettings) : null;
	});

	documents.onDidChangeContent((change) => {
		if (!pullDiagnostics) {
			schedulePush(change.document);
		}
	});

	documents.onDidClose((event) => {
		clearTimeout(pending.get(event.document.uri));
		pending.delete(event.document.uri);
		service.closeDocument(event.document.uri);
		settings.forget(event.document.uri);
		if (!pullDiagnostics) {
			void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
		}
	});

	documents.listen(connection);
	connection.listen();
}
