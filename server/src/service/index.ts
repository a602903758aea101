/**
 * The WebSocket close-code language service: the one facade the language server, the CLI and tests use.
 *
 * Pure by design: it imports only `typescript` (as a parser) and LSP types. No `vscode`, no `fs`, no connection,
 * no Node globals (its tsconfig has `types: []`), so it also runs in a web worker.
 */
import type { CodeAction, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import { computeDiagnostics, type CloseCodeDiagnostic, type EnvironmentSetting } from './diagnostics';
import { DocumentCache, type AnalysableDocument, type Analysis } from './documentCache';
import { renderCloseCodeDocs } from './hover';
import type { Locale } from './l10n';

export type { AnalysableDocument, Analysis, SkipReason } from './documentCache';
export type { CloseCodeSite, Confidence, RuleId, SiteRole } from './recognition/findCloseCodeSites';
export { resolveLocale, type LanguageSetting, type Locale } from './l10n';
export { lookupRegistered, registeredCodes } from './closeCodes';
export type { CloseCodeDiagnostic, DiagnosticRule, EnvironmentSetting, Fix, Severity } from './diagnostics';
export { ruleDescriptions } from './diagnostics';

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
}

export interface LanguageServiceOptions {
	/** Syntax trees kept for incremental re-parsing (default 16). Results are kept for all documents. */
	readonly maxRetainedTrees?: number;
	/** Documents longer than this many UTF-16 code units are not analysed (default 5,000,000). */
	readonly maxDocumentLength?: number;
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
	 * Quick fixes for our diagnostics that overlap `range`. Fixes are recomputed for the document as it is now, so
	 * an edit from a stale diagnostic is never applied.
	 */
	getCodeActions(document: ServiceDocument, range: Range, settings: DocumentSettings): CodeAction[];
	/** Releases what is cached for a document; call when the editor closes it. */
	closeDocument(uri: string): void;
}

export function createLanguageService(options: LanguageServiceOptions = {}): CloseCodesLanguageService {
	const cache = new DocumentCache({
		maxRetainedTrees: options.maxRetainedTrees ?? 16,
		maxDocumentLength: options.maxDocumentLength ?? 5_000_000,
	});

	const findProblems = (document: AnalysableDocument, settings: DocumentSettings) =>
		computeDiagnostics(cache.analyse(document), { locale: settings.locale, environment: settings.environment ?? 'auto' });
	const toRange = (document: ServiceDocument, start: number, end: number): Range =>
		({ start: document.positionAt(start), end: document.positionAt(end) });

	return Object.freeze({
		analyse: (document: AnalysableDocument) => cache.analyse(document),
		findProblems,
		doValidation(document: ServiceDocument, settings: DocumentSettings): Diagnostic[] {
			return findProblems(document, settings).map((problem) => ({
				range: toRange(document, problem.start, problem.end),
				severity: severityNumbers[problem.severity],
				code: problem.rule,
				source: diagnosticSource,
				message: problem.message,
				data: { fixes: problem.fixes.map((fix) => ({ title: fix.title, newText: fix.newText, range: toRange(document, fix.start, fix.end) })) },
			}));
		},
		getCodeActions(document: ServiceDocument, range: Range, settings: DocumentSettings): CodeAction[] {
			const start = document.offsetAt(range.start);
			const end = document.offsetAt(range.end);
			const actions: CodeAction[] = [];
			for (const problem of findProblems(document, settings)) {
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
			return actions;
		},
		doHover(document: ServiceDocument, position: Position, settings: DocumentSettings): Hover | null {
			const offset = document.offsetAt(position);
			// The end is inclusive so that a cursor right after `1001` still shows its docs, as TypeScript's hovers do.
			const site = cache.analyse(document).sites.find((candidate) => candidate.start <= offset && offset <= candidate.end);
			if (!site) {
				return null;
			}
			return {
				contents: renderCloseCodeDocs(site, settings.locale),
				range: { start: document.positionAt(site.start), end: document.positionAt(site.end) },
			};
		},
		closeDocument: (uri: string) => cache.forget(uri),
	});
}

/** LSP DiagnosticSeverity values (the service has no runtime dependency on the protocol packages). */
const severityNumbers = { error: 1, warning: 2, information: 3, hint: 4 } as const;
