/**
 * The WebSocket close-code language service: the one facade the language server, the CLI and tests use.
 *
 * Pure by design: it imports only `typescript` (as a parser) and LSP types. No `vscode`, no `fs`, no connection,
 * no Node globals (its tsconfig has `types: []`), so it also runs in a web worker.
 */
import type { CodeAction, CompletionItem, Diagnostic, Hover, InlayHint, Position, Range } from 'vscode-languageserver-types';
import { closeCodeCompletionItems, completionContextAt, mayBeCloseCodePosition } from './completion';
import { computeDiagnostics, type CloseCodeDiagnostic, type EnvironmentSetting } from './diagnostics';
import { DocumentCache, moduleShapeFacts, recogniseText, scriptKindOf, type AnalysableDocument, type Analysis, type SkipReason } from './documentCache';
import { WorkspaceIndex, type WorkspaceHost } from './workspace/workspaceIndex';
import { WorkspaceResults, type FileDiagnosticReport } from './workspace/workspaceResults';
import { renderCloseCodeDocs } from './hover';
import { keepsSyntax, maxProviderDepth, treeDepth } from './safety';
import { mayHaveSites } from './prescan';
import { lineStarts, positionAt } from './lines';
import { ownCodeAt } from './ownCodes';
import { meaningIn, protocolsUsedBy } from './protocols';
import { referenceIndex, referencePage } from './reference';
import { inlayHintsFor } from './inlayHints';
import { namedConstantRefactors, type ReadModule } from './namedConstant';
import { truncateReasonFix } from './quickFixes/closeReason';
import { rejectFrameFixes, sendFrameFixes } from './quickFixes/frameType';
import { defaultReconnectSettings, existingReconnectAt, reconnectFix, type ReconnectSettings } from './quickFixes/reconnect';
import type { TextChange } from './quickFixes/textChanges';
import { t } from './l10n';
import { moduleSystemOf, snippetCompletions, typedSnippetPrefix, type ModuleSystem } from './snippets';
import type { Locale } from './l10n';
import type { CloseApi } from './recognition/fileContext';
import type { CloseCodeSite } from './recognition/findCloseCodeSites';

export type { AnalysableDocument, Analysis, SkipReason } from './documentCache';
export type { CloseCodeSite, Confidence, RuleId, SiteRole } from './recognition/findCloseCodeSites';
export { resolveLocale, type LanguageSetting, type Locale } from './l10n';
export { lookupRegistered, registeredCodes } from './closeCodes';
export type { CloseCodeDiagnostic, DiagnosticRule, EnvironmentSetting, Fix, Severity } from './diagnostics';
export { ruleDescriptions } from './diagnostics';
export type { ModuleText, ReadModule } from './namedConstant';
export type { ModuleSystem } from './snippets';
export { mayMatterToIndex, type WorkspaceHost } from './workspace/workspaceIndex';
export type { ModuleFacts } from './recognition/crossModule';
export { checkProgressMessage, checkResultMessage } from './workspace/checkMessages';
export type { FileDiagnosticReport } from './workspace/workspaceResults';
export { isRelativeSpecifier, moduleCandidates } from './workspace/moduleResolution';
export { protocolPacks, type ProtocolPack } from './protocols';
export { showReferenceCommand, type ReferenceArguments } from './reference';

/** `Diagnostic.source` of everything this service reports. */
export const diagnosticSource = 'websocket-close-codes';

/** A document the service can map offsets in (vscode-languageserver-textdocument's TextDocument fits). */
export interface ServiceDocument extends AnalysableDocument {
	offsetAt(position: Position): number;
	positionAt(offset: number): Position;
}

/** Settings that apply to one document (pulled per resource by the server). */
export interface DocumentSettings {
	readonly locale: Locale;
	/** Which `close()` rules to assume when the file does not show whether it runs in a browser or on `ws`. */
	readonly environment?: EnvironmentSetting;
	/** Delays written into the "Reconnect with exponential backoff" fix. */
	readonly reconnect?: ReconnectSettings;
	/** The editor runs `command:` links in hovers (VS Code): hovers get a "More…" link to the reference page. */
	readonly commandLinks?: boolean;
}

export type { ReconnectSettings };
export { defaultReconnectSettings };

export interface LanguageServiceOptions {
	/**
	 * Syntax trees kept for incremental re-parsing and the features that read code (default 4: a 5,000-line file's
	 * tree holds some 25 MB, and one is typed in at a time). Results, which are small, are kept for all documents.
	 */
	readonly maxRetainedTrees?: number;
	/** Documents longer than this many UTF-16 code units are not analysed (default 5,000,000). */
	readonly maxDocumentLength?: number;
	/**
	 * Reads the module a relative import specifier names (the service itself never touches a file system). With it,
	 * "Replace with named constant" reuses a close-code container exported by an imported module.
	 */
	readonly readModule?: ReadModule;
	/**
	 * The `type` of the package a file belongs to (`commonjs` or `module`), for a JavaScript file that shows neither
	 * `import` nor `require`: decides how the served shutdown snippets bring in `ws`. Without it: an ES module.
	 */
	readonly packageModuleType?: (uri: string) => ModuleSystem | undefined;
	/** Told once per skipped document version (too large, binary, or too deeply nested to parse), for the log. */
	readonly onSkipped?: (uri: string, version: number, reason: SkipReason, error?: unknown) => void;
	/** Told when a code action provider fails (its actions are left out; the others are still offered), for the log. */
	readonly onError?: (feature: string, uri: string, error: unknown) => void;
	/**
	 * Lists and reads the workspace's files: with it, recognition follows close codes across modules (a constant
	 * exported by one file and sent or compared in another). Without it, each document is recognised on its own.
	 */
	readonly workspace?: WorkspaceHost;
}

/** How far indexing the workspace has come: files looked at, of all listed. */
export interface IndexProgress {
	readonly done: number;
	readonly total: number;
}

export interface CloseCodesLanguageService {
	/** Every recognised close-code site in the document, or why the document was skipped. */
	analyse(document: AnalysableDocument): Analysis;
	/**
	 * Hover documentation for the close code at `position`.
	 * @returns the Markdown hover, or `null` when no close code is there (a timeout, a port, any other number).
	 */
	doHover(document: ServiceDocument, position: Position, settings: DocumentSettings): Hover | null;
	/** Diagnostics in offsets, for the CLI and anything that is not an LSP client. */
	findProblems(document: AnalysableDocument, settings: DocumentSettings): CloseCodeDiagnostic[];
	/** LSP diagnostics: stable `code` (the rule id) and the fixes in `data`. */
	doValidation(document: ServiceDocument, settings: DocumentSettings): Diagnostic[];
	/**
	 * Quick fixes for our diagnostics that overlap `range`, and refactors there. Fixes are recomputed for the document
	 * as it is now, so an edit from a stale diagnostic is never applied. `contextDiagnostics` are the ones the editor
	 * asks about (LSP `context.diagnostics`): with any of them, refactors unrelated to a diagnostic are left out.
	 */
	getCodeActions(document: ServiceDocument, range: Range, settings: DocumentSettings, only?: readonly string[],
		contextDiagnostics?: readonly Diagnostic[]): CodeAction[];
	/** Close-code completions where only a close code makes sense (`close(`, `case `, `code === `), or `null`. */
	doComplete(document: ServiceDocument, position: Position, settings: DocumentSettings): CompletionItem[] | null;
	/** `1001 ▸ Going Away` after certain numeric close codes in `range`. */
	getInlayHints(document: ServiceDocument, range: Range, settings: DocumentSettings): InlayHint[];
	/**
	 * The full reference page of a close code as Markdown (what the hover's "More…" opens), with what `protocol` (a
	 * pack id) says about it; without a code, the overview of every code and range.
	 */
	getReference(locale: Locale, code?: number, protocol?: string): string;
	/** Releases what is cached for a document; call when the editor closes it. */
	closeDocument(uri: string): void;
	/**
	 * Indexes the workspace (with a `workspace` host) one file per step, so a server can answer requests in between.
	 * Later calls only redo files that changed.
	 */
	indexWorkspace(): Generator<IndexProgress>;
	/** A file changed, was created or was deleted outside the editor: the index reads it again when needed. */
	fileChanged(uri: string, deleted?: boolean): void;
	/** Workspace folders were added or removed: the index lists and reads everything again. */
	workspaceChanged(): void;
	/** Moves whenever cross-module facts change (the server then refreshes the diagnostics of open documents). */
	readonly workspaceGeneration: number;
	/** The indexed files whose results depend on other modules (see `WorkspaceIndex.linkedFiles`); index first. */
	filesLinkedAcrossModules(): string[];
	/**
	 * Every place that sends, receives or names the close code at `position`: in this document and, with a workspace,
	 * in every file of it (a literal `4002`, `Codes.Kicked`, an imported constant). Empty where there is no close code.
	 */
	findReferences(document: ServiceDocument, position: Position): CodeLocation[];
	/**
	 * Checks every file of the workspace that can hold a close code, one file per step (the server answers requests
	 * in between and reports progress): each step gives a file's LSP diagnostics, empty when it has none.
	 * `settingsFor` gives the settings of a file (the server uses the workspace folder's).
	 */
	checkWorkspace(settingsFor: (uri: string) => DocumentSettings): Generator<WorkspaceCheckStep>;
	/**
	 * LSP workspace diagnostics (`workspace/diagnostic`), one file per step: the files with problems and those the
	 * client holds a result for (`previousResultIds`, by URI), each full or "unchanged". A file is read and analysed
	 * again only when it, the links or its settings changed since the last call; files without candidates are not
	 * parsed, as in `checkWorkspace`. `settingsFor` answers `undefined` for a file whose diagnostics are off; `skip`
	 * leaves files out (the open documents: the editor pulls theirs).
	 */
	workspaceDiagnostics(settingsFor: (uri: string) => DocumentSettings | undefined, previousResultIds: ReadonlyMap<string, string>,
		skip: (uri: string) => boolean): Generator<WorkspaceDiagnosticsStep>;
}

/** One step of workspace diagnostics: a file indexed, or a file looked at (with its report, when it has one). */
export type WorkspaceDiagnosticsStep =
	| { readonly phase: 'indexing'; readonly done: number; readonly total: number }
	| { readonly phase: 'checking'; readonly done: number; readonly total: number; readonly report?: FileDiagnosticReport };

/** One step of a workspace check: a file indexed (its links), or a file checked (its diagnostics). */
export type WorkspaceCheckStep =
	| { readonly phase: 'indexing'; readonly done: number; readonly total: number }
	| { readonly phase: 'checking'; readonly done: number; readonly total: number; readonly uri: string; readonly diagnostics: Diagnostic[] };

/** A place in some file of the workspace. */
export interface CodeLocation {
	readonly uri: string;
	readonly range: Range;
}

export function createLanguageService(options: LanguageServiceOptions = {}): CloseCodesLanguageService {
	const maxDocumentLength = options.maxDocumentLength ?? 5_000_000;
	const index = options.workspace && new WorkspaceIndex(options.workspace, (uri, text, shapeOnly) =>
		(shapeOnly ? moduleShapeFacts(uri, text, maxDocumentLength) : recogniseText(uri, text, maxDocumentLength)?.facts));
	const cache = new DocumentCache({
		maxRetainedTrees: options.maxRetainedTrees ?? 4,
		maxDocumentLength,
		onSkipped: options.onSkipped,
		links: index,
	});
	const workspaceResults = new WorkspaceResults();
	/** The LSP diagnostics of a workspace file as it is on disk (or in the editor), with its cross-module links. */
	const fileDiagnostics = (index: WorkspaceIndex, uri: string, settings: DocumentSettings): Diagnostic[] => {
		const text = index.read(uri);
		const analysis = text === undefined || !(mayHaveSites(text) || index.mentionsExportedName(text, uri)) ? undefined
			: recogniseText(uri, text, maxDocumentLength, index.linkedFor(uri));
		const problems = analysis ? computeDiagnostics(analysis, { locale: settings.locale, environment: settings.environment ?? 'auto' }) : [];
		const lines = problems.length > 0 && text !== undefined ? lineStarts(text) : [];
		return problems.map((problem) => toDiagnostic(problem, (start, end) => ({ start: positionAt(lines, start), end: positionAt(lines, end) })));
	};

	/**
	 * Diagnostics of one analysed version, per locale and environment: the editor asks for them, then code actions
	 * ask again for the same version. Keyed by the analysis object, so a new version never sees old ones.
	 */
	const problemCache = new WeakMap<Analysis, Map<string, CloseCodeDiagnostic[]>>();
	const findProblems = (document: AnalysableDocument, settings: DocumentSettings): CloseCodeDiagnostic[] => {
		const analysis = cache.analyse(document);
		const environment = settings.environment ?? 'auto';
		const key = `${settings.locale} ${environment}`;
		let byKey = problemCache.get(analysis);
		if (!byKey) {
			byKey = new Map();
			problemCache.set(analysis, byKey);
		}
		let problems = byKey.get(key);
		if (!problems) {
			problems = computeDiagnostics(analysis, { locale: settings.locale, environment });
			byKey.set(key, problems);
		}
		return problems;
	};
	// Counts the reads of other modules, so that `remembered` can tell an answer that depends on one.
	let moduleReads = 0;
	const readModule: ReadModule | undefined = options.readModule && ((specifier, fromUri) => {
		moduleReads++;
		return options.readModule!(specifier, fromUri);
	});
	/**
	 * The answer to a request on this version of the document, computed once: the editor asks hover and code actions
	 * again and again for the same version (the cursor rests, the lightbulb refreshes after diagnostics), and their
	 * providers walk the tree. `key` must hold everything the answer depends on besides the document's text.
	 */
	const remembered = <T>(document: AnalysableDocument, key: string, compute: () => T): T => {
		const answers = cache.answers(document);
		if (answers.has(key)) {
			return answers.get(key) as T;
		}
		const reads = moduleReads;
		const answer = compute();
		// An answer built from another module's text (the named-constant refactor reuses an imported container) is not
		// kept: that module can change while this document does not.
		if (reads === moduleReads) {
			answers.set(key, answer);
		}
		return answer;
	};
	const toRange = (document: ServiceDocument, start: number, end: number): Range =>
		({ start: document.positionAt(start), end: document.positionAt(end) });

	const extractConstant = (document: ServiceDocument, start: number, end: number, settings: DocumentSettings): CodeAction[] => {
		const { sites } = cache.analyse(document);
		const site = sites.find((candidate) => candidate.start <= end && start <= candidate.end);
		const tree = site && cache.tree(document);
		if (!site || !tree || treeDepth(tree) > maxProviderDepth) {
			return [];
		}
		const isTypeScript = isTypeScriptDocument(document);
		const modules = (readModule || index) && {
			uri: document.uri,
			read: readModule ?? (() => undefined),
			project: index && (() => index.closeCodeModules(document.uri).flatMap(({ uri, containers }) => {
				moduleReads++; // another module's text: the answer is not kept (see `remembered`)
				const text = index.read(uri);
				return text === undefined ? [] : [{ uri, text, containers }];
			})),
		};
		const kind = scriptKindOf(document.uri, document.languageId);
		const refactors = namedConstantRefactors(tree, sites, site, isTypeScript, settings.locale, modules);
		return refactors.filter(({ changes }) => keepsSyntax(tree, kind, changes)).map(({ title, changes, moduleChanges }) => {
			const { changes: own } = edit(document, changes);
			const other = moduleChanges && {
				[moduleChanges.uri]: moduleChanges.changes.map((change) => ({
					range: { start: moduleChanges.lineAndCharacterAt(change.start), end: moduleChanges.lineAndCharacterAt(change.end) }, newText: change.newText,
				})),
			};
			return { title, kind: 'refactor.extract.constant', edit: { changes: { ...own, ...other } } };
		});
	};

	/**
	 * The fixes and refactors walk the tree recursively; on a tree thousands of levels deep (a generated `a + b + …`
	 * chain parses fine) that can overflow. One failing provider must not take the other providers' actions with it.
	 */
	const attempt = (feature: string, uri: string, provide: () => CodeAction[]): CodeAction[] => {
		try {
			return provide();
		} catch (error) {
			options.onError?.(feature, uri, error);
			return [];
		}
	};

	const edit = (document: ServiceDocument, changes: readonly TextChange[]) =>
		({ changes: { [document.uri]: changes.map((change) => ({ range: toRange(document, change.start, change.end), newText: change.newText })) } });

	/** The fixes that write code: reconnect with backoff, the send rewrites for a received 1003. */
	const codeFixes = (document: ServiceDocument, offset: number, settings: DocumentSettings): CodeAction[] => {
		const { sites, closeCalls } = cache.analyse(document);
		if (sites.length === 0 && closeCalls.length === 0 && !mentionsSocketHandlers(document.getText())) {
			return []; // asked whenever the cursor moves: a file with nothing to fix is not parsed for it
		}
		const tree = cache.tree(document);
		if (!tree || treeDepth(tree) > maxProviderDepth) {
			return [];
		}
		const kind = scriptKindOf(document.uri, document.languageId);
		const safe = <T extends { readonly changes: readonly TextChange[] }>(fix: T | undefined): fix is T =>
			fix !== undefined && keepsSyntax(tree, kind, fix.changes);
		const isTypeScript = isTypeScriptDocument(document);
		const actions: CodeAction[] = [];
		const reconnect = reconnectFix(tree, offset, sites, settings.reconnect ?? defaultReconnectSettings, isTypeScript);
		if (safe(reconnect)) {
			actions.push({ title: t(settings.locale, 'fix.reconnect'), kind: 'quickfix', ...(reconnect.preferred ? { isPreferred: true } : {}), edit: edit(document, reconnect.changes) });
		}
		const truncate = truncateReasonFix(tree, offset, cache.analyse(document).closeCalls, isTypeScript);
		if (safe(truncate)) {
			actions.push({ title: t(settings.locale, 'fix.truncateReason'), kind: 'quickfix', isPreferred: true, edit: edit(document, truncate.changes) });
		}
		for (const fix of sendFrameFixes(tree, offset, sites).filter(safe)) {
			actions.push({ title: t(settings.locale, fix.frameType === 'text' ? 'fix.sendText' : 'fix.sendBinary'), kind: 'quickfix', edit: edit(document, fix.changes) });
		}
		return actions;
	};

	/** "Reject binary/text frames with 1003": a refactor on a message handler's signature, not a fix of anything. */
	const frameGuards = (document: ServiceDocument, start: number, end: number, settings: DocumentSettings): CodeAction[] => {
		const tree = mentionsSocketHandlers(document.getText()) ? cache.tree(document) : undefined;
		if (!tree || treeDepth(tree) > maxProviderDepth) {
			return [];
		}
		const kind = scriptKindOf(document.uri, document.languageId);
		const reasons = { binary: 'Binary frames are not supported', text: 'Text frames are not supported' } as const;
		return rejectFrameFixes(tree, start, end, reasons).filter((fix) => keepsSyntax(tree, kind, fix.changes)).map((fix) => ({
			title: t(settings.locale, fix.frameType === 'binary' ? 'fix.rejectBinary' : 'fix.rejectText'), kind: 'refactor.rewrite', edit: edit(document, fix.changes),
		}));
	};

	/** Everything getCodeActions offers at a range: computed by `remembered` once per version and request. */
	const codeActionsAt = (document: ServiceDocument, start: number, end: number, settings: DocumentSettings, only: readonly string[] | undefined,
		fromDiagnostics: boolean): CodeAction[] => {
		// `only` lists kinds or their parents ('refactor' covers 'refactor.extract.constant').
		const wanted = (kind: string) => !only || only.some((prefix) => kind === prefix || kind.startsWith(`${prefix}.`));
		const actions: CodeAction[] = [];
		for (const problem of wanted('quickfix') ? findProblems(document, settings) : []) {
			if (problem.end < start || problem.start > end) {
				continue;
			}
			const diagnostic: Diagnostic = {
				range: toRange(document, problem.start, problem.end), severity: severityNumbers[problem.severity], code: problem.rule,
				source: diagnosticSource, message: problem.message,
			};
			for (const fix of problem.fixes) {
				actions.push({
					title: fix.title,
					kind: 'quickfix',
					diagnostics: [diagnostic],
					...(fix.isPreferred ? { isPreferred: true } : {}),
					edit: { changes: { [document.uri]: [{ range: toRange(document, fix.start, fix.end), newText: fix.newText }] } },
				});
			}
		}
		if (wanted('quickfix')) {
			actions.push(...attempt('quick fixes', document.uri, () => codeFixes(document, start, settings)));
		}
		// The menu of a diagnostic (the editor sends the ones under the cursor) is for fixing it: no frame guards there.
		if (wanted('refactor.rewrite') && !fromDiagnostics) {
			actions.push(...attempt('frame guards', document.uri, () => frameGuards(document, start, end, settings)));
		}
		if (wanted('refactor.extract.constant')) {
			actions.push(...attempt('named constant refactor', document.uri, () => extractConstant(document, start, end, settings)));
		}
		return actions;
	};

	/** The hover at `offset`: computed by `remembered` once per version and request. */
	const hoverAt = (document: ServiceDocument, offset: number, settings: DocumentSettings): Hover | null => {
		const analysis = cache.analyse(document);
		// The end is inclusive so that a cursor right after `1001` still shows its docs, as TypeScript's hovers do.
		const site = analysis.sites.find((candidate) => candidate.start <= offset && offset <= candidate.end);
		const tree = site && cache.tree(document);
		if (!site || !tree) {
			return null;
		}
		// A received code: does the close handler already reconnect through code of its own (so no fix is offered)?
		const reconnectsVia = site.role === 'receive' ? optional(() => existingReconnectAt(tree, offset)) : undefined;
		return {
			contents: renderCloseCodeDocs({
				...site,
				api: siteApi(analysis, site, settings.environment ?? 'auto'),
				protocol: meaningIn(protocolsUsedBy(tree), site.value),
				own: ownCodeAt(tree, site),
				reconnectsVia,
				definition: site.definition,
			}, settings.locale, { commandLinks: settings.commandLinks }),
			range: { start: document.positionAt(site.start), end: document.positionAt(site.end) },
		};
	};

	/** The inlay hints in `range`: computed by `remembered` once per version and request. */
	const inlayHintsIn = (document: ServiceDocument, range: Range, settings: DocumentSettings): InlayHint[] => {
		const { sites } = cache.analyse(document);
		// No site, no hint: a file the pre-scan skipped is not parsed for its protocol packs.
		const tree = sites.length > 0 ? cache.tree(document) : undefined;
		return inlayHintsFor(sites, document.getText(), document.offsetAt(range.start), document.offsetAt(range.end),
			settings.locale, (offset) => document.positionAt(offset), tree ? protocolsUsedBy(tree) : []);
	};

	return Object.freeze({
		analyse: (document: AnalysableDocument) => cache.analyse(document),
		findProblems,
		doValidation: (document: ServiceDocument, settings: DocumentSettings): Diagnostic[] =>
			findProblems(document, settings).map((problem) => toDiagnostic(problem, (start, end) => toRange(document, start, end))),
		getCodeActions(document: ServiceDocument, range: Range, settings: DocumentSettings, only?: readonly string[],
			contextDiagnostics: readonly Diagnostic[] = []): CodeAction[] {
			const start = document.offsetAt(range.start);
			const end = document.offsetAt(range.end);
			const key = JSON.stringify(['actions', start, end, settings.locale, settings.environment ?? 'auto', settings.reconnect ?? null, only ?? null,
				contextDiagnostics.length > 0]);
			return remembered(document, key, () => codeActionsAt(document, start, end, settings, only, contextDiagnostics.length > 0));
		},
		doComplete(document: ServiceDocument, position: Position, settings: DocumentSettings): CompletionItem[] | null {
			const offset = document.offsetAt(position);
			const text = document.getText();
			const codePosition = mayBeCloseCodePosition(text, offset);
			// TypeScript files get the statically contributed snippets; JavaScript ones these, in their module system.
			const snippetPosition = !isTypeScriptDocument(document) && typedSnippetPrefix(text, offset) !== undefined;
			// Completion is asked on every keystroke: most of the time the text alone says there is nothing to offer.
			const tree = codePosition || snippetPosition ? cache.tree(document) : undefined;
			const environment = settings.environment ?? 'auto';
			const context = tree && codePosition && completionContextAt(tree, offset,
				(api) => api !== 'unknown' ? api : environment === 'browser' ? 'whatwg' : environment === 'node' ? 'ws' : api);
			const positionAt = (at: number) => document.positionAt(at);
			if (context) {
				return closeCodeCompletionItems(context, settings.locale, positionAt, protocolsUsedBy(tree));
			}
			const snippets = tree && snippetPosition
				? snippetCompletions(tree, offset, () => moduleSystemOf(tree, document.uri, () => options.packageModuleType?.(document.uri)), positionAt)
				: [];
			return snippets.length > 0 ? snippets : null;
		},
		getInlayHints(document: ServiceDocument, range: Range, settings: DocumentSettings): InlayHint[] {
			const key = JSON.stringify(['inlayHints', document.offsetAt(range.start), document.offsetAt(range.end), settings.locale]);
			return remembered(document, key, () => inlayHintsIn(document, range, settings));
		},
		doHover(document: ServiceDocument, position: Position, settings: DocumentSettings): Hover | null {
			const offset = document.offsetAt(position);
			const key = JSON.stringify(['hover', offset, settings.locale, settings.environment ?? 'auto', settings.commandLinks ?? false]);
			return remembered(document, key, () => hoverAt(document, offset, settings));
		},
		getReference: (locale: Locale, code?: number, protocol?: string) =>
			code === undefined ? referenceIndex(locale) : referencePage(code, locale, protocol),
		closeDocument(uri: string): void {
			cache.forget(uri);
			index?.invalidate(uri); // the file on disk speaks for it again
		},
		*indexWorkspace(): Generator<IndexProgress> {
			if (index) {
				yield* index.buildSteps();
			}
		},
		fileChanged: (uri: string, deleted?: boolean) => index?.invalidate(uri, deleted),
		filesLinkedAcrossModules: () => index?.linkedFiles() ?? [],
		*checkWorkspace(settingsFor: (uri: string) => DocumentSettings): Generator<WorkspaceCheckStep> {
			if (!index) {
				return;
			}
			for (const step of index.buildSteps()) {
				yield { phase: 'indexing', ...step }; // links first: a file's problems may depend on another's constants
			}
			const files = index.files();
			let done = 0;
			for (const uri of files) {
				done++;
				yield { phase: 'checking', done, total: files.length, uri, diagnostics: fileDiagnostics(index, uri, settingsFor(uri)) };
			}
		},
		*workspaceDiagnostics(settingsFor: (uri: string) => DocumentSettings | undefined, previousResultIds: ReadonlyMap<string, string>,
			skip: (uri: string) => boolean): Generator<WorkspaceDiagnosticsStep> {
			if (!index) {
				return;
			}
			for (const step of index.buildSteps()) {
				yield { phase: 'indexing', ...step };
			}
			const files = index.files();
			let done = 0;
			for (const uri of files) {
				done++;
				const settings = skip(uri) ? null : settingsFor(uri);
				const key = settings === null ? undefined
					: `${index.problemsKey(uri)} ${settings ? `${settings.locale} ${settings.environment ?? 'auto'}` : 'off'}`;
				const report = key === undefined ? undefined
					: workspaceResults.report(uri, key, previousResultIds.get(uri), () => (settings ? fileDiagnostics(index, uri, settings) : []));
				yield { phase: 'checking', done, total: files.length, report };
			}
			workspaceResults.keepOnly(files);
		},
		findReferences(document: ServiceDocument, position: Position): CodeLocation[] {
			const offset = document.offsetAt(position);
			const site = cache.analyse(document).sites.find((candidate) => candidate.start <= offset && offset <= candidate.end);
			if (!site) {
				return [];
			}
			const here = cache.analyse(document).sites.filter((each) => each.value === site.value)
				.map((each) => ({ uri: document.uri, range: toRange(document, each.start, each.end) }));
			const elsewhere: CodeLocation[] = [];
			for (const uri of index?.files() ?? []) {
				const text = uri === document.uri ? undefined : index?.read(uri);
				if (text === undefined || !index?.mayMention(text, site.value)) {
					continue;
				}
				const sites = recogniseText(uri, text, maxDocumentLength, index.linkedFor(uri))?.sites.filter((each) => each.value === site.value) ?? [];
				const lines = sites.length > 0 ? lineStarts(text) : [];
				for (const each of sites) {
					elsewhere.push({ uri, range: { start: positionAt(lines, each.start), end: positionAt(lines, each.end) } });
				}
			}
			return [...here, ...elsewhere];
		},
		workspaceChanged: () => index?.reset(),
		get workspaceGeneration() {
			return index?.generation ?? 0;
		},
	});
}

/**
 * Whether the text can hold a socket's close or message handler (what the reconnect fix and the frame guards work
 * on): `'close'`/`'message'` registrations, `onclose`/`onmessage`, Bun's `websocket: { … }`. A cheap look that spares
 * parsing a file without one.
 */
function mentionsSocketHandlers(text: string): boolean {
	return /['"`](?:close|message)['"`]|\bon(?:close|message)\b|\bwebsocket\s*:/i.test(text);
}

/**
 * An extra of the hover that walks the tree recursively: on a tree thousands of levels deep it may overflow the
 * stack, and then the hover goes without it rather than without everything.
 */
function optional<T>(compute: () => T): T | undefined {
	try {
		return compute();
	} catch {
		return undefined;
	}
}

function isTypeScriptDocument(document: AnalysableDocument): boolean {
	return /^typescript/.test(document.languageId) || /\.[mc]?tsx?$/i.test(document.uri);
}

/**
 * Whose `close()` rules the hover speaks of: at a sending site, the socket's own API; elsewhere, the side the file is
 * on (the API of its `close()` calls, else the `environment` setting).
 */
function siteApi(analysis: Analysis, site: CloseCodeSite, environment: EnvironmentSetting): CloseApi {
	const known = (api: CloseApi | undefined) => (api === 'unknown' ? undefined : api);
	const own = site.role === 'send'
		? analysis.closeCalls.find((call) => call.code && call.code.start <= site.start && site.end <= call.code.end)?.api : undefined;
	return known(own) ?? known(analysis.closeCalls.find((call) => call.api !== 'unknown')?.api)
		?? (environment === 'browser' ? 'whatwg' : environment === 'node' ? 'ws' : 'unknown');
}

/** An LSP diagnostic: stable `code` (the rule id) and the fixes in `data` (what the code actions turn into edits). */
function toDiagnostic(problem: CloseCodeDiagnostic, range: (start: number, end: number) => Range): Diagnostic {
	return {
		range: range(problem.start, problem.end),
		severity: severityNumbers[problem.severity],
		code: problem.rule,
		source: diagnosticSource,
		message: problem.message,
		data: { fixes: problem.fixes.map((fix) => ({ title: fix.title, newText: fix.newText, range: range(fix.start, fix.end) })) },
	};
}

/** LSP DiagnosticSeverity values (the service has no runtime dependency on the protocol packages). */
const severityNumbers = { error: 1, warning: 2, information: 3, hint: 4 } as const;
