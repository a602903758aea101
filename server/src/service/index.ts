/**
 * The WebSocket close-code language service: the one facade the language server, the CLI and tests use.
 *
 * Pure by design: it imports only `typescript` (as a parser) and LSP types. No `vscode`, no `fs`, no connection,
 * no Node globals (its tsconfig has `types: []`), so it also runs in a web worker.
 */
import type { Hover, Position } from 'vscode-languageserver-types';
import { DocumentCache, type AnalysableDocument, type Analysis } from './documentCache';
import { renderCloseCodeDocs } from './hover';
import type { Locale } from './l10n';

export type { AnalysableDocument, Analysis, SkipReason } from './documentCache';
export type { CloseCodeSite, Confidence, RuleId, SiteRole } from './recognition/findCloseCodeSites';
export { resolveLocale, type LanguageSetting, type Locale } from './l10n';
export { lookupRegistered, registeredCodes } from './closeCodes';

/** A document the service can map offsets in (vscode-languageserver-textdocument's TextDocument fits). */
export interface ServiceDocument extends AnalysableDocument {
	offsetAt(position: Position): number;
	positionAt(offset: number): Position;
}

/** Settings that apply to one document (pulled per resource by the server). */
export interface DocumentSettings {
	readonly locale: Locale;
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
	/** Releases what is cached for a document; call when the editor closes it. */
	closeDocument(uri: string): void;
}

export function createLanguageService(options: LanguageServiceOptions = {}): CloseCodesLanguageService {
	const cache = new DocumentCache({
		maxRetainedTrees: options.maxRetainedTrees ?? 16,
		maxDocumentLength: options.maxDocumentLength ?? 5_000_000,
	});

	return Object.freeze({
		analyse: (document: AnalysableDocument) => cache.analyse(document),
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
