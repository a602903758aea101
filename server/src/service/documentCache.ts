import ts from 'typescript';
import { mayHaveSites } from './prescan';
import { findCloseCodeSites, type CloseCall, type CloseCodeSite } from './recognition/findCloseCodeSites';

/**
 * Per-document analysis cache.
 *
 * - Results (the sites: small) are kept for every open document and reused while its version is unchanged.
 * - Syntax trees (large: a 5k-line file retains ~12 MB) are kept only for the most recently analysed documents,
 *   so 100 open files never hold 100 ASTs. A retained tree lets the next edit re-parse incrementally with
 *   `ts.updateSourceFile`; an evicted one is simply parsed again from scratch.
 */

/** What the cache needs from a document: the shape of vscode-languageserver-textdocument's TextDocument. */
export interface AnalysableDocument {
	readonly uri: string;
	readonly languageId: string;
	readonly version: number;
	getText(): string;
}

/**
 * Why a document was not analysed. `tooComplex`: the parser or the analysis gave up on this version (a stack
 * overflow on thousands of nested brackets, say); the next version is tried again from scratch.
 */
export type SkipReason = 'tooLarge' | 'binary' | 'tooComplex';

export interface Analysis {
	readonly sites: readonly CloseCodeSite[];
	/** The `close()` calls made on WebSockets, with their arguments: what diagnostics check. */
	readonly closeCalls: readonly CloseCall[];
	readonly skipped?: SkipReason;
}

export interface DocumentCacheOptions {
	/** How many syntax trees to retain for incremental re-parsing. */
	readonly maxRetainedTrees: number;
	/** Documents longer than this (in UTF-16 code units) are not analysed at all. */
	readonly maxDocumentLength: number;
	/**
	 * Told once per document version that is skipped (with the error when the parser or the analysis failed), so
	 * the host can log it; the service itself has nowhere to write.
	 */
	readonly onSkipped?: (uri: string, version: number, reason: SkipReason, error?: unknown) => void;
}

const noSites: Analysis = Object.freeze({ sites: Object.freeze([]), closeCalls: Object.freeze([]) });

interface Entry {
	version: number;
	text: string;
	languageId: string;
	analysis: Analysis;
	tree: ts.SourceFile | undefined;
	/** Answers already given for this version (see `DocumentCache.answers`); dropped with the version. */
	answers?: Map<string, unknown>;
}

export class DocumentCache {
	readonly #entries = new Map<string, Entry>();
	/** URIs whose entry holds a tree, least recently used first. */
	readonly #treeOrder: string[] = [];

	constructor(private readonly options: DocumentCacheOptions) {}

	analyse(document: AnalysableDocument): Analysis {
		const cached = this.#entries.get(document.uri);
		if (cached && cached.version === document.version && cached.languageId === document.languageId) {
			return cached.analysis;
		}
		const text = document.getText();
		const skipped = skipReason(text, this.options.maxDocumentLength);
		if (skipped) {
			return this.#skip(document, text, skipped);
		}
		if (!mayHaveSites(text)) {
			// Most files: nothing in the text can be a close code, so there is nothing to parse. A feature that still
			// needs the tree (completion, snippets) parses it on demand through `tree()`.
			this.#forgetTree(document.uri);
			this.#entries.set(document.uri, { version: document.version, text, languageId: document.languageId, analysis: noSites, tree: undefined });
			return noSites;
		}
		// `ts.updateSourceFile` consumes the old tree (re-using it again is a "Debug Failure"), so it leaves the cache
		// before anything can throw: whatever happens below, no later version can be handed a spent tree.
		const previous = cached?.tree && cached.languageId === document.languageId ? cached.tree : undefined;
		this.#forgetTree(document.uri);
		let tree: ts.SourceFile;
		let analysis: Analysis;
		try {
			tree = previous ? reparse(previous, cached!.text, text, document.uri, document.languageId) : parse(document.uri, document.languageId, text);
			analysis = findCloseCodeSites(tree);
		} catch (error) {
			// Thousands of nested brackets overflow TypeScript's recursive parser. This version gets no sites; the next
			// edit parses from scratch.
			return this.#skip(document, text, 'tooComplex', error);
		}
		this.#entries.set(document.uri, { version: document.version, text, languageId: document.languageId, analysis, tree });
		this.#retainTree(document.uri);
		return analysis;
	}

	#skip(document: AnalysableDocument, text: string, skipped: SkipReason, error?: unknown): Analysis {
		this.#forgetTree(document.uri);
		const analysis: Analysis = { sites: [], closeCalls: [], skipped };
		this.#entries.set(document.uri, { version: document.version, text, languageId: document.languageId, analysis, tree: undefined });
		this.options.onSkipped?.(document.uri, document.version, skipped, error);
		return analysis;
	}

	/**
	 * The document's syntax tree, for features that look at the code around the cursor (completion, refactors).
	 * Analyses first, so the tree is the one the cached sites came from; `undefined` for skipped documents.
	 */
	tree(document: AnalysableDocument): ts.SourceFile | undefined {
		const analysis = this.analyse(document);
		if (analysis.skipped) {
			return undefined;
		}
		const entry = this.#entries.get(document.uri);
		if (entry && !entry.tree) {
			entry.tree = parse(document.uri, document.languageId, entry.text);
			this.#retainTree(document.uri);
		}
		return entry?.tree;
	}

	/**
	 * A store for what features computed from this version of the document (a hover, the code actions at a range),
	 * so that asking again — the editor repeats requests as the cursor rests or the lightbulb refreshes — costs a
	 * lookup. It goes with the version: the next analysis of another version starts an empty one. Only plain data
	 * belongs in it (no syntax nodes: those would keep a tree alive).
	 */
	answers(document: AnalysableDocument): Map<string, unknown> {
		this.analyse(document);
		const entry = this.#entries.get(document.uri)!;
		return entry.answers ??= new Map();
	}

	/** Drops everything held for a document (call when it is closed). */
	forget(uri: string): void {
		this.#forgetTree(uri);
		this.#entries.delete(uri);
	}

	/** For tests and diagnostics: how many syntax trees are held right now. */
	get retainedTreeCount(): number {
		return this.#treeOrder.length;
	}

	#retainTree(uri: string): void {
		const index = this.#treeOrder.indexOf(uri);
		if (index >= 0) {
			this.#treeOrder.splice(index, 1);
		}
		this.#treeOrder.push(uri);
		while (this.#treeOrder.length > this.options.maxRetainedTrees) {
			const evicted = this.#treeOrder.shift();
			const entry = evicted === undefined ? undefined : this.#entries.get(evicted);
			if (entry) {
				entry.tree = undefined;
			}
		}
	}

	#forgetTree(uri: string): void {
		const index = this.#treeOrder.indexOf(uri);
		if (index >= 0) {
			this.#treeOrder.splice(index, 1);
		}
		const entry = this.#entries.get(uri);
		if (entry) {
			entry.tree = undefined;
		}
	}
}

function skipReason(text: string, maxLength: number): SkipReason | undefined {
	if (text.length > maxLength) {
		return 'tooLarge';
	}
	// Source code never contains NUL; a file that does is binary that happens to have a JS/TS name.
	return text.slice(0, 8192).includes('\u0000') ? 'binary' : undefined;
}

/** Maps an LSP language id (or a file name, for the CLI) to the kind of source TypeScript should parse. */
export function scriptKindOf(uri: string, languageId: string): ts.ScriptKind {
	switch (languageId) {
		case 'typescript': return ts.ScriptKind.TS;
		case 'typescriptreact': return ts.ScriptKind.TSX;
		case 'javascript': return ts.ScriptKind.JS;
		case 'javascriptreact': return ts.ScriptKind.JSX;
	}
	if (/\.(?:tsx)$/i.test(uri)) {
		return ts.ScriptKind.TSX;
	}
	if (/\.(?:[mc]?ts)$/i.test(uri)) {
		return ts.ScriptKind.TS;
	}
	if (/\.(?:jsx)$/i.test(uri)) {
		return ts.ScriptKind.JSX;
	}
	return ts.ScriptKind.JS;
}

function parse(uri: string, languageId: string, text: string): ts.SourceFile {
	// setParentNodes: the recognition rules walk from a literal up to its consumers.
	return ts.createSourceFile(uri, text, ts.ScriptTarget.Latest, true, scriptKindOf(uri, languageId));
}

/**
 * Re-parses incrementally. The changed span is found by comparing the old and the new text from both ends, which
 * costs one linear scan and keeps the service independent of how the editor reported the edit.
 */
function reparse(tree: ts.SourceFile, oldText: string, newText: string, uri: string, languageId: string): ts.SourceFile {
	const limit = Math.min(oldText.length, newText.length);
	let prefix = 0;
	while (prefix < limit && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) {
		prefix++;
	}
	let suffix = 0;
	while (suffix < limit - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) {
		suffix++;
	}
	const span = ts.createTextSpan(prefix, oldText.length - suffix - prefix);
	const change = ts.createTextChangeRange(span, newText.length - suffix - prefix);
	try {
		return ts.updateSourceFile(tree, newText, change);
	} catch {
		// An incremental parse that fails has already spent the old tree; a full parse does not depend on it.
		return parse(uri, languageId, newText);
	}
}
