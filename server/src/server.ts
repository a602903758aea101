import type { CancellationToken, Connection, Diagnostic, InitializeParams, InitializeResult } from 'vscode-languageserver';
import type { CodeActionParams, CompletionParams, HoverParams, InlayHintParams, Location, ReferenceParams as LspReferenceParams } from 'vscode-languageserver';
import type { WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver';
import {
	CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, DocumentDiagnosticReportKind, FileChangeType, TextDocuments,
	TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ModuleReaderFactory } from './moduleResolution';
import {
	checkProgressMessage, checkResultMessage, createLanguageService, resolveLocale, type FileDiagnosticReport, type LanguageSetting, type ModuleSystem, type WorkspaceHost,
} from './service';
import { SettingsStore, type ResolvedSettings } from './settings';
import { serverVersion } from './version';

/** `websocketCloseCodes/reference`: the full page of a code (the hover's "More…"), or the overview without a code. */
export const referenceRequest = 'websocketCloseCodes/reference';
export interface ReferenceParams {
	readonly code?: number;
	readonly protocol?: string;
	/** `en`, `ja`, or `auto` (the editor's display language). */
	readonly language?: string;
}

/** What the server tells a runtime's workspace host: where the folders are and what the editor has open. */
export interface WorkspaceHostOptions {
	readonly folders: () => readonly string[];
	readonly openText: (uri: string) => string | undefined;
	readonly openUris: () => Iterable<string>;
	readonly log: (message: string) => void;
}

/**
 * `websocketCloseCodes/checkWorkspace`: checks every file of the workspace, publishes the problems of the files that
 * are not open (open ones have theirs already), and answers with a summary. While it runs, the server sends
 * `websocketCloseCodes/checkWorkspaceProgress` notifications; the client's cancellation stops it.
 */
export const checkWorkspaceRequest = 'websocketCloseCodes/checkWorkspace';
export const checkWorkspaceProgress = 'websocketCloseCodes/checkWorkspaceProgress';
export interface CheckWorkspaceProgress {
	readonly done: number;
	readonly total: number;
	/** What to show, in the configured language. */
	readonly message: string;
}
export interface CheckWorkspaceResult {
	readonly files: number;
	readonly problems: number;
	readonly filesWithProblems: number;
	readonly cancelled: boolean;
	/** No workspace to check (a single file, or a runtime without one). */
	readonly unavailable?: boolean;
	/** The summary to show, in the configured language. */
	readonly message: string;
}

/**
 * The language server, independent of how it talks to the editor (stdio, IPC, or a web worker's messages).
 * Handlers stay a few lines long: look up the document, ask the service, return its answer.
 * What differs by runtime is passed in: `createModuleReader` (the Node server reads imported modules from disk, the
 * web worker, with no file system, only from the documents open in the editor) and `packageModuleType` (the nearest
 * package.json's `type`, read from disk by the Node server; the worker has none to read) and `createWorkspaceHost`
 * (the files the workspace index reads: the folders on disk for the Node server, the open documents in the worker).
 */
export function startServer(connection: Connection, createModuleReader: ModuleReaderFactory,
	packageModuleType?: (uri: string) => ModuleSystem | undefined, createWorkspaceHost?: (options: WorkspaceHostOptions) => WorkspaceHost): void {
	const documents = new TextDocuments(TextDocument);
	let workspaceFolders: readonly string[] = [];
	const readModule = createModuleReader({
		workspaceFolders: () => workspaceFolders,
		openText: (uri) => documents.get(uri)?.getText(),
		log: (message) => connection.console.info(message),
	});
	const workspace = createWorkspaceHost?.({
		folders: () => workspaceFolders,
		openText: (uri) => documents.get(uri)?.getText(),
		openUris: () => documents.keys(),
		log: (message) => connection.console.info(message),
	});
	const service = createLanguageService({
		readModule,
		packageModuleType,
		workspace,
		// `websocketCloseCodes.maxFileSize` (per document, below) is the limit here; the service must not add its own.
		maxDocumentLength: Number.MAX_SAFE_INTEGER,
		// Two syntax trees: the file being typed in and the one before it (a 5,000-line file's tree is ~6 MB; the sites of
		// every other open document stay cached, and a feature that needs another tree parses it again).
		maxRetainedTrees: 2,
		// The service cannot write anywhere; once per skipped version (too large, binary, too deeply nested) lands here.
		onSkipped: (uri, version, reason, error) => connection.console.info(`${uri} (version ${version}) not analysed: ${skipMessages[reason]}` +
			`${error === undefined ? '' : ` (${errorText(error)})`}; the next edit tries again.`),
		onError: (feature, uri, error) => connection.console.warn(`${feature} failed on ${uri}, left out: ${errorText(error, true)}`),
	});
	/** Documents over `maxFileSize` that were already logged as skipped: one line per document, not one per request. */
	const loggedTooLarge = new Set<string>();
	const fitsSizeLimit = (document: TextDocument, documentSettings: ResolvedSettings): boolean => {
		const length = document.getText().length;
		if (length <= documentSettings.maxFileSize) {
			loggedTooLarge.delete(document.uri);
			return true;
		}
		if (!loggedTooLarge.has(document.uri)) {
			loggedTooLarge.add(document.uri);
			connection.console.info(`${document.uri} not analysed: ${length} characters is over websocketCloseCodes.maxFileSize (${documentSettings.maxFileSize}).`);
		}
		return false;
	};

	/**
	 * Every request on a document goes through here, so no handler can answer with an error: look the document up,
	 * pull its settings, honour cancellation and the size limit, and turn an exception into the empty answer and one
	 * log line (the editor shows nothing for that request; the next one is tried afresh).
	 */
	const onDocument = <P extends { textDocument: { uri: string } }, R>(method: string, empty: R,
		handler: (document: TextDocument, documentSettings: ResolvedSettings, params: P) => R) =>
		async (params: P, token?: CancellationToken): Promise<R> => {
			try {
				const document = documents.get(params.textDocument.uri);
				if (!document) {
					return empty;
				}
				const documentSettings = await settings.forDocument(document.uri);
				// Settings may take a round trip to the client: by then the request may have been cancelled.
				if (token?.isCancellationRequested || !fitsSizeLimit(document, documentSettings)) {
					return empty;
				}
				return handler(document, documentSettings, params);
			} catch (error) {
				connection.console.error(`${method} failed on ${params.textDocument.uri}: ${errorText(error, true)}`);
				return empty;
			}
		};
	let settings = new SettingsStore(connection, undefined, false);
	/** Pull diagnostics (LSP 3.17) when the client asks for them; otherwise we push after every change. */
	let pullDiagnostics = false;
	/**
	 * `workspace/diagnostic` is offered: the client pulls the problems of files that are not open. VS Code's client
	 * starts pulling the whole workspace as soon as it is offered, so the extension declines it (initialization option
	 * `workspaceDiagnostics: false`) and keeps the "Check Workspace" command.
	 */
	let workspaceDiagnostics = false;
	let canRefreshDiagnostics = false;
	let canRefreshInlayHints = false;
	let canWatchFiles = false;
	let canTrackFolders = false;
	const pending = new Map<string, ReturnType<typeof setTimeout>>();
	let editorLocale: string | undefined;
	/** VS Code says so in `initializationOptions`: its hovers can run the "More…" command link. */
	let commandLinks = false;

	connection.onInitialize((params: InitializeParams): InitializeResult => {
		const canPullConfiguration = params.capabilities.workspace?.configuration === true;
		settings = new SettingsStore(connection, params.locale, canPullConfiguration);
		editorLocale = params.locale;
		const initializationOptions = params.initializationOptions as { commandLinks?: unknown; workspaceDiagnostics?: unknown } | undefined;
		commandLinks = initializationOptions?.commandLinks === true;
		pullDiagnostics = params.capabilities.textDocument?.diagnostic !== undefined;
		workspaceDiagnostics = pullDiagnostics && workspace !== undefined && initializationOptions?.workspaceDiagnostics !== false;
		canRefreshDiagnostics = params.capabilities.workspace?.diagnostics?.refreshSupport === true;
		canRefreshInlayHints = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
		workspaceFolders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
		canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
		canTrackFolders = params.capabilities.workspace?.workspaceFolders === true;
		return {
			capabilities: {
				textDocumentSync: TextDocumentSyncKind.Incremental,
				hoverProvider: true,
				codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, 'refactor.extract.constant', CodeActionKind.RefactorRewrite] },
				// '(' for `close(`, ' ' for `case ` and `code === `: the provider answers null everywhere else.
				completionProvider: { triggerCharacters: ['(', ' '] },
				inlayHintProvider: true,
				referencesProvider: true,
				...(pullDiagnostics ? { diagnosticProvider: { interFileDependencies: workspace !== undefined, workspaceDiagnostics } } : {}),
				...(workspace && canTrackFolders ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
			},
			serverInfo: { name: 'ws-close-codes-language-server', version: serverVersion },
		};
	});

	connection.onInitialized(() => {
		// One line in the output channel that says what is running where, for bug reports.
		// `process` exists in Node only (this file also runs in the web worker, whose type check knows no `process`).
		const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
		const runtime = node ? `Node ${node}` : 'web worker';
		connection.console.info(`WebSocket Close Codes server ${serverVersion} · locale ${resolveLocale('auto', editorLocale)} (display language ${editorLocale ?? 'not sent'}) · ${runtime}`);
		if (settings.canPullConfiguration) {
			// Ask to be told about every change, so cached per-document settings never go stale.
			void connection.client.register(DidChangeConfigurationNotification.type, { section: 'websocketCloseCodes' });
		}
		if (workspace) {
			if (canWatchFiles) {
				void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: watchedFiles }] });
			}
			// Only a client that said it sends folder changes may be asked for them (the library throws otherwise).
			if (canTrackFolders) {
				connection.workspace.onDidChangeWorkspaceFolders((event) => {
					const removed = new Set(event.removed.map((folder) => folder.uri));
					workspaceFolders = [...workspaceFolders.filter((uri) => !removed.has(uri)), ...event.added.map((folder) => folder.uri)];
					service.workspaceChanged();
					indexInBackground();
				});
			}
			indexInBackground();
		}
	});

	/**
	 * Indexes the workspace a slice at a time (the server answers requests in between), then refreshes what depends
	 * on other files. Asked again while running, it runs once more at the end (files changed meanwhile).
	 */
	let indexing: Iterator<unknown> | undefined;
	let indexAgain = false;
	/** Files changed on disk since the last indexing ended. */
	let filesChanged = false;
	const indexInBackground = (): void => {
		if (indexing) {
			indexAgain = true;
			return;
		}
		indexing = service.indexWorkspace();
		const slice = () => {
			const until = Date.now() + 20;
			try {
				while (indexing && Date.now() < until) {
					if (indexing.next().done) {
						indexing = undefined;
					}
				}
			} catch (error) {
				indexing = undefined;
				connection.console.error(`Indexing the workspace failed: ${errorText(error, true)}`);
			}
			if (indexing) {
				setTimeout(slice, 0);
				return;
			}
			if (!linksMoved() && filesChanged && workspaceDiagnostics && canRefreshDiagnostics) {
				// A file changed on disk has problems of its own: the client asks for the workspace's again.
				void connection.languages.diagnostics.refresh();
			}
			filesChanged = false;
			if (indexAgain) {
				indexAgain = false;
				indexInBackground();
			}
		};
		setTimeout(slice, 0);
	};

	/** Cross-module facts changed (indexing, an edit, a file on disk): the other open documents' results may too. */
	let refreshedGeneration = 0;
	const linksMoved = (): boolean => {
		if (service.workspaceGeneration === refreshedGeneration) {
			return false;
		}
		refreshedGeneration = service.workspaceGeneration;
		void refreshWhereResultsMoved();
		return true;
	};
	/**
	 * The analysis each open document's last diagnostics came from. The service keeps the same analysis object while
	 * nothing found in a document changes, so a document whose analysis is another object now has results that moved.
	 */
	const delivered = new Map<string, unknown>();
	/**
	 * Asks the editor again only for what other modules' changes moved: a refresh redraws every open editor's
	 * squiggles and hints, and VS Code drops a quick-fix menu being opened meanwhile.
	 */
	const refreshWhereResultsMoved = async (): Promise<void> => {
		const moved: TextDocument[] = [];
		for (const document of documents.all()) {
			const analysis = delivered.get(document.uri);
			if (analysis !== undefined && fitsSizeLimit(document, await settings.forDocument(document.uri)) &&
				service.analyse(document) !== analysis) {
				moved.push(document);
			}
		}
		// Pulled workspace diagnostics cover files that are not open: those may have moved whatever the open ones did.
		if (moved.length > 0 || (workspaceDiagnostics && canRefreshDiagnostics)) {
			refreshOpenDocuments(moved);
		}
	};

	connection.onReferences(onDocument('references', [] as Location[], (document, _settings, params: LspReferenceParams) =>
		service.findReferences(document, params.position)));

	/** The settings of each file of the workspace: its (innermost) workspace folder's, pulled once per call. */
	const folderSettings = async (): Promise<(uri: string) => ResolvedSettings> => {
		const folders = await Promise.all(workspaceFolders.map(async (uri) => ({ uri, settings: await settings.forDocument(uri) })));
		return (uri) =>
			(folders.filter((folder) => uri.startsWith(`${folder.uri.replace(/\/$/, '')}/`)).sort((a, b) => b.uri.length - a.uri.length)[0] ?? folders[0]).settings;
	};

	/** Files the last workspace check published problems for (open documents get theirs from the usual path). */
	let checkedFiles = new Set<string>();
	connection.onRequest(checkWorkspaceRequest, async (_params: unknown, token?: CancellationToken): Promise<CheckWorkspaceResult> => {
		const locale = (await settings.forDocument(workspaceFolders[0] ?? '')).locale;
		if (!workspace || workspaceFolders.length === 0) {
			const result = { files: 0, problems: 0, filesWithProblems: 0, cancelled: false, unavailable: true };
			return { ...result, message: checkResultMessage(locale, result) };
		}
		const settingsFor = await folderSettings();
		const published = new Set<string>();
		let files = 0;
		let problems = 0;
		let filesWithProblems = 0;
		let lastReport = 0;
		await inSlices(service.checkWorkspace(settingsFor), token, (value) => {
			if (value.phase === 'checking') {
				files++;
				const diagnostics = settingsFor(value.uri).diagnosticsEnabled ? value.diagnostics : [];
				problems += diagnostics.length;
				filesWithProblems += diagnostics.length > 0 ? 1 : 0;
				if (diagnostics.length > 0 && !documents.get(value.uri)) {
					published.add(value.uri);
					void connection.sendDiagnostics({ uri: value.uri, diagnostics });
				}
			}
			if (Date.now() - lastReport > 100) {
				lastReport = Date.now();
				void connection.sendNotification(checkWorkspaceProgress,
					{ done: value.done, total: value.total, message: checkProgressMessage(locale, value.phase, value.done, value.total) } satisfies CheckWorkspaceProgress);
			}
		});
		if (files > 0) {
			void connection.sendNotification(checkWorkspaceProgress,
				{ done: files, total: files, message: checkProgressMessage(locale, 'checking', files, files) } satisfies CheckWorkspaceProgress);
		}
		// Problems published by an earlier check that are gone now.
		for (const uri of checkedFiles) {
			if (!published.has(uri)) {
				void connection.sendDiagnostics({ uri, diagnostics: [] });
			}
		}
		checkedFiles = published;
		linksMoved();
		const result = { files, problems, filesWithProblems, cancelled: token?.isCancellationRequested === true };
		return { ...result, message: checkResultMessage(locale, result) };
	});

	/**
	 * `workspace/diagnostic`: the problems of the workspace files that are not open (the editor pulls those of open
	 * documents), with result ids, so that a file whose problems did not change is "unchanged". The service reads and
	 * analyses only files that changed since the last pull. With a partial-result token, each 20 ms slice's reports go
	 * out at once, so a large workspace fills the Problems panel as it is checked; cancellation stops between slices.
	 */
	connection.languages.diagnostics.onWorkspace(async (params, token, _workDone, resultProgress) => {
		if (workspaceFolders.length === 0) {
			return { items: [] };
		}
		const settingsFor = await folderSettings();
		const previous = new Map(params.previousResultIds.map(({ uri, value }) => [uri, value]));
		const steps = service.workspaceDiagnostics((uri) => (settingsFor(uri).diagnosticsEnabled ? settingsFor(uri) : undefined), previous,
			(uri) => documents.get(uri) !== undefined);
		const items: WorkspaceDocumentDiagnosticReport[] = [];
		const flush = () => {
			if (resultProgress && items.length > 0) {
				resultProgress.report({ items: items.splice(0) });
			}
		};
		try {
			await inSlices(steps, token, (step) => {
				if (step.phase === 'checking' && step.report) {
					items.push(workspaceReport(step.report));
				}
			}, flush);
		} catch (error) {
			// What was found stands; the next pull tries the rest afresh.
			connection.console.error(`workspace/diagnostic failed: ${errorText(error, true)}`);
		}
		flush();
		return { items };
	});

	connection.onDidChangeWatchedFiles((params) => {
		for (const change of params.changes) {
			service.fileChanged(change.uri, change.type === FileChangeType.Deleted);
		}
		filesChanged = true;
		indexInBackground();
	});

	const validate = onDocument('diagnostics', [] as Diagnostic[], (document, documentSettings) => {
		const diagnostics = documentSettings.diagnosticsEnabled ? service.doValidation(document, documentSettings) : [];
		delivered.set(document.uri, service.analyse(document));
		// This document's new version may change what the others link to (a constant exported, a use removed).
		if (workspace && !indexing) {
			setTimeout(linksMoved, 0);
		}
		return diagnostics;
	});

	/** Push mode: publish shortly after the last change, so a burst of keystrokes is analysed once. */
	const schedulePush = (document: TextDocument): void => {
		clearTimeout(pending.get(document.uri));
		pending.set(document.uri, setTimeout(() => {
			pending.delete(document.uri);
			const current = documents.get(document.uri);
			if (current) {
				void validate({ textDocument: current }).then((diagnostics) => {
					// A newer version may have arrived while settings were pulled; its own push is already scheduled.
					if (documents.get(current.uri)?.version === current.version) {
						void connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics });
					}
				});
			}
		}, 150));
	};

	/**
	 * Settings or other modules changed: the editor asks again for inlay hints and diagnostics (or we push those of
	 * `changed`, all open documents by default).
	 */
	const refreshOpenDocuments = (changed = documents.all()): void => {
		if (canRefreshInlayHints) {
			void connection.languages.inlayHint.refresh();
		}
		if (pullDiagnostics) {
			if (canRefreshDiagnostics) {
				void connection.languages.diagnostics.refresh();
			}
		} else {
			changed.forEach(schedulePush);
		}
	};

	connection.onDidChangeConfiguration((change) => {
		settings.changed(change.settings);
		refreshOpenDocuments();
	});

	connection.onHover(onDocument('hover', null, (document, documentSettings, params: HoverParams) =>
		documentSettings.hoverEnabled ? service.doHover(document, params.position, { ...documentSettings, commandLinks }) : null));

	connection.languages.diagnostics.on(async (params, token) =>
		({ kind: DocumentDiagnosticReportKind.Full, items: await validate(params, token) }));

	connection.onCodeAction(onDocument('codeAction', null, (document, documentSettings, params: CodeActionParams) =>
		service.getCodeActions(document, params.range, documentSettings, params.context.only, params.context.diagnostics)));

	connection.onCompletion(onDocument('completion', null, (document, documentSettings, params: CompletionParams) =>
		service.doComplete(document, params.position, documentSettings)));

	connection.languages.inlayHint.on(onDocument('inlayHint', null, (document, documentSettings, params: InlayHintParams) =>
		documentSettings.inlayHintsEnabled ? service.getInlayHints(document, params.range, documentSettings) : null));

	connection.onRequest(referenceRequest, (params: ReferenceParams) => {
		const language = params.language === 'en' || params.language === 'ja' ? params.language : 'auto';
		const code = typeof params.code === 'number' && Number.isInteger(params.code) ? params.code : undefined;
		return { markdown: service.getReference(resolveLocale(language as LanguageSetting, editorLocale), code, params.protocol) };
	});

	documents.onDidChangeContent((change) => {
		if (!pullDiagnostics) {
			schedulePush(change.document);
		}
	});

	documents.onDidOpen((event) => {
		// An open document's problems come from the usual path now: clear what a workspace check published for it.
		if (checkedFiles.delete(event.document.uri)) {
			void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
		}
	});

	documents.onDidClose((event) => {
		clearTimeout(pending.get(event.document.uri));
		pending.delete(event.document.uri);
		service.closeDocument(event.document.uri);
		delivered.delete(event.document.uri);
		loggedTooLarge.delete(event.document.uri);
		settings.forget(event.document.uri);
		if (!pullDiagnostics) {
			void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
		}
	});

	documents.listen(connection);
	connection.listen();
}

/**
 * Runs a service's steps in slices of 20 ms, letting other requests in between (after `betweenSlices`), until they
 * end or `token` is cancelled.
 */
async function inSlices<T>(steps: Iterator<T>, token: CancellationToken | undefined, each: (value: T) => void, betweenSlices?: () => void): Promise<void> {
	let until = Date.now() + 20;
	for (let step = steps.next(); !step.done; step = steps.next()) {
		each(step.value);
		if (Date.now() >= until) {
			betweenSlices?.();
			await new Promise((resolve) => setTimeout(resolve, 0)); // let other requests in
			until = Date.now() + 20;
			if (token?.isCancellationRequested) {
				return;
			}
		}
	}
}

/** A file's report as LSP has it (not open in the editor: no version). */
function workspaceReport(report: FileDiagnosticReport): WorkspaceDocumentDiagnosticReport {
	return report.diagnostics === undefined
		? { kind: DocumentDiagnosticReportKind.Unchanged, uri: report.uri, resultId: report.resultId, version: null }
		: { kind: DocumentDiagnosticReportKind.Full, uri: report.uri, resultId: report.resultId, version: null, items: report.diagnostics };
}

/** The files whose changes on disk the workspace index hears of. */
const watchedFiles = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';

const skipMessages = {
	tooLarge: 'larger than the analysis limit',
	binary: 'it contains NUL characters (a binary file)',
	tooComplex: 'nested too deeply to parse',
} as const;

function errorText(error: unknown, withStack = false): string {
	return error instanceof Error ? (withStack && error.stack ? error.stack : error.message) : String(error);
}
