import ts from 'typescript';
import { mayHaveSites } from './prescan';
import { packageConstant } from './protocols/exports';
import type { LinkModule, ModuleFacts } from './recognition/crossModule';
import { findCloseCodeSites, type CloseCall, type CloseCodeSite } from './recognition/findCloseCodeSites';
import { moduleShapeOf } from './recognition/file/moduleShape';

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
	/** What the file tells the other modules of the workspace; absent when it was not parsed. */
	readonly facts?: ModuleFacts;
}

/** The workspace index as the cache sees it (see `workspace/workspaceIndex.ts`). */
export interface DocumentLinks {
	/** Moves when any file's cross-module facts change: analyses that used links are redone then. */
	readonly generation: number;
	linkedFor(uri: string): LinkModule;
	/** Can a file without candidate literals still use a close code that a module it imports exports? */
	mentionsExportedName(text: string, uri?: string): boolean;
	/** The facts of a document as it is now (open documents win over the disk). */
	update(uri: string, facts: ModuleFacts | undefined): void;
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
	/** Cross-module recognition: without it, each document is recognised on its own. */
	readonly links?: DocumentLinks;
}

const noSites: Analysis = Object.freeze({ sites: Object.freeze([]), closeCalls: Object.freeze([]) });

interface Entry {
	version: number;
	text: string;
	languageId: string;
	analysis: Analysis;
	/**
	 * The syntax tree and the text it was parsed from: `text` itself, or an earlier version's text when the edits
	 * since then only moved the sites (see `shiftedAnalysis`); such a tree is re-parsed incrementally when a feature
	 * asks for it.
	 */
	tree: ts.SourceFile | undefined;
	treeText?: string;
	/**
	 * Where the top-level statements of `text` start (after their leading trivia) and end, as pairs: what decides
	 * whether an edit can only move the sites. Absent when the version was not analysed (skipped, no candidate).
	 */
	statements?: Int32Array;
	/** Where the parser reported syntax errors (sorted), when it did: no shortcut next to one (see `shiftedAnalysis`). */
	errors?: Int32Array;
	/** Answers already given for this version (see `DocumentCache.answers`); dropped with the version. */
	answers?: Map<string, unknown>;
	/**
	 * The links' generation the analysis used, when the file imports or exports anything, or was not parsed (it may
	 * mention an imported close code once the module appears): looked at again when it moves.
	 */
	generation?: number;
}

export class DocumentCache {
	readonly #entries = new Map<string, Entry>();
	/** URIs whose entry holds a tree, least recently used first. */
	readonly #treeOrder: string[] = [];
	#shifted = 0;

	constructor(private readonly options: DocumentCacheOptions) {}

	analyse(document: AnalysableDocument): Analysis {
		const cached = this.#entries.get(document.uri);
		const links = this.options.links;
		// An analysis that used what other modules say is redone when that changed (the generation moved).
		const linksUnchanged = cached?.generation === undefined || cached.generation === links?.generation;
		if (cached && cached.version === document.version && cached.languageId === document.languageId && linksUnchanged) {
			return cached.analysis;
		}
		const text = document.getText();
		const skipped = skipReason(text, this.options.maxDocumentLength);
		if (skipped) {
			return this.#skip(document, text, skipped);
		}
		if (!mayHaveSites(text) && !links?.mentionsExportedName(text, document.uri)) {
			// Most files: nothing in the text can be a close code, so there is nothing to parse. A feature that still
			// needs the tree (completion, snippets) parses it on demand through `tree()`.
			this.#forgetTree(document.uri);
			links?.update(document.uri, undefined);
			// Looked at again when the links move: a module it imports may appear, or start exporting a name it uses.
			this.#entries.set(document.uri, {
				version: document.version, text, languageId: document.languageId, analysis: noSites, tree: undefined, generation: links?.generation,
			});
			return noSites;
		}
		const moved = cached?.statements && cached.languageId === document.languageId && linksUnchanged ? shiftedAnalysis(cached, text) : undefined;
		if (moved) {
			// The edit only moved code (blank space between top-level statements): same sites, other offsets. The tree,
			// if any, stays the earlier version's until a feature needs it. What the file tells other modules is the
			// same too (their "defined in" lines may be off by the lines added, until the next full analysis).
			this.#entries.set(document.uri, {
				version: document.version, text, languageId: document.languageId, analysis: moved.analysis, statements: moved.statements,
				errors: moved.errors, tree: cached!.tree, treeText: cached!.treeText, generation: cached!.generation,
			});
			this.#shifted++;
			return moved.analysis;
		}
		// `ts.updateSourceFile` consumes the old tree (re-using it again is a "Debug Failure"), so it leaves the cache
		// before anything can throw: whatever happens below, no later version can be handed a spent tree.
		const previous = cached?.tree && cached.treeText !== undefined && cached.languageId === document.languageId
			? { tree: cached.tree, text: cached.treeText } : undefined;
		this.#forgetTree(document.uri);
		let tree: ts.SourceFile;
		let analysis: Analysis;
		let statements: Int32Array;
		let errors: Int32Array | undefined;
		try {
			tree = previous ? reparse(previous.tree, previous.text, text, document.uri, document.languageId) : parse(document.uri, document.languageId, text);
			analysis = findCloseCodeSites(tree, links?.linkedFor(document.uri), packageConstant);
			statements = statementBounds(tree);
			errors = syntaxErrorStarts(tree);
		} catch (error) {
			// Thousands of nested brackets overflow TypeScript's recursive parser. This version gets no sites; the next
			// edit parses from scratch.
			return this.#skip(document, text, 'tooComplex', error);
		}
		links?.update(document.uri, analysis.facts);
		const shape = analysis.facts?.shape;
		const linked = shape !== undefined && (shape.imports.length > 0 || shape.exports.length > 0 || shape.starExports.length > 0);
		const generation = links && linked ? links.generation : undefined;
		// Redone only because other modules changed, and nothing came out different: the same analysis object (and the
		// answers given for it) stand, so the host can tell by identity that this document's results did not move.
		const unchanged = cached && cached.version === document.version && cached.text === text && sameResults(cached.analysis, analysis);
		const kept = unchanged ? cached.analysis : analysis;
		this.#entries.set(document.uri, {
			version: document.version, text, languageId: document.languageId, analysis: kept, tree, treeText: text, statements, errors, generation,
			answers: unchanged ? cached.answers : undefined,
		});
		this.#retainTree(document.uri);
		return kept;
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
		if (entry && (!entry.tree || entry.treeText !== entry.text)) {
			const earlier = entry.tree;
			// Whatever happens, the earlier tree is spent (see `analyse`).
			entry.tree = undefined;
			entry.tree = earlier && entry.treeText !== undefined
				? reparse(earlier, entry.treeText, entry.text, document.uri, document.languageId)
				: parse(document.uri, document.languageId, entry.text);
			entry.treeText = entry.text;
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

	/** For tests: how many versions were answered by moving the previous version's sites (see `shiftedAnalysis`). */
	get shiftedCount(): number {
		return this.#shifted;
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
				entry.treeText = undefined;
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
			entry.treeText = undefined;
		}
	}
}

/** The top-level statements' start (after leading trivia) and end offsets, as pairs. */
function statementBounds(tree: ts.SourceFile): Int32Array {
	const bounds = new Int32Array(tree.statements.length * 2);
	tree.statements.forEach((statement, index) => {
		bounds[index * 2] = statement.getStart(tree);
		bounds[index * 2 + 1] = statement.end;
	});
	return bounds;
}

/** Where the parser reported syntax errors, or `undefined` when there is none. */
function syntaxErrorStarts(tree: ts.SourceFile): Int32Array | undefined {
	const diagnostics = (tree as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics;
	return diagnostics?.length ? Int32Array.from(diagnostics.map((diagnostic) => diagnostic.start)).sort() : undefined;
}

/** Blank space: what may stand between two top-level statements for an edit there to only move the sites. */
const blank = /^[ \t\r\n]+$/;
const lineBreak = /[\r\n]/;

/**
 * The analysis of `text` from the entry's analysis of an earlier text, when the edit between them can only have
 * moved the sites: it replaced blank space (spaces, tabs, line breaks) between two top-level statements — or before
 * the first, after the last — with blank space. Otherwise `undefined`, and the text is analysed in full.
 *
 * Why that is the same as a full analysis: the tokens are the same (neither side of the gap becomes empty, so no two
 * tokens join; no comment, so no JSDoc and no `/* Name *\/` after a literal changes), and so is every line break
 * between tokens that the parser looks at (automatic semicolons: the gap keeps a line break if and only if it had
 * one). No node but the SourceFile spans the gap; the statement after it starts later, and only its leading trivia
 * (its `pos` to its start) grows or shrinks, which recognition never measures. So every site and `close()` call
 * after the gap moves by the length difference and everything before it stays.
 *
 * Conservative on purpose: typing inside a function, a comment or a string is analysed in full. The property test in
 * test/unit/incremental.test.ts applies thousands of random edits to real files and compares with a full analysis.
 */
function shiftedAnalysis(entry: Entry, text: string): { analysis: Analysis; statements: Int32Array; errors?: Int32Array } | undefined {
	const old = entry.text;
	const statements = entry.statements!;
	const { start: changeStart, oldEnd: changeEnd } = changedSpan(old, text);
	const delta = text.length - old.length;
	// The gap around the change: after the last statement that ends at or before it, before the next one.
	let low = 0;
	let high = statements.length / 2; // statements[2i + 1] <= changeStart for every i < low
	while (low < high) {
		const middle = (low + high) >> 1;
		if (statements[middle * 2 + 1] <= changeStart) {
			low = middle + 1;
		} else {
			high = middle;
		}
	}
	const gapStart = low > 0 ? statements[(low - 1) * 2 + 1] : 0;
	const gapEnd = low < statements.length / 2 ? statements[low * 2] : old.length;
	if (changeEnd > gapEnd) {
		return undefined;
	}
	const oldGap = old.slice(gapStart, gapEnd);
	const newGap = text.slice(gapStart, gapEnd + delta);
	if (!blank.test(oldGap) || !blank.test(newGap) || lineBreak.test(oldGap) !== lineBreak.test(newGap)) {
		return undefined;
	}
	// Next to a syntax error the statements' bounds do not say where tokens end (an unterminated string runs on to
	// the end of its line, over what looks like a gap): analysed in full.
	const neighbourhoodStart = low > 0 ? statements[(low - 1) * 2] : 0;
	const neighbourhoodEnd = low < statements.length / 2 ? statements[low * 2 + 1] : old.length;
	if (entry.errors?.some((at) => at >= neighbourhoodStart && at <= neighbourhoodEnd)) {
		return undefined;
	}
	// Offsets at or after the gap's end move; a span that ends where the gap starts does not.
	const moved = new Int32Array(statements.length);
	for (let index = 0; index < statements.length; index++) {
		moved[index] = statements[index] >= gapEnd ? statements[index] + delta : statements[index];
	}
	const errors = entry.errors?.map((at) => (at >= gapEnd ? at + delta : at));
	return { analysis: shiftOffsets(entry.analysis, gapEnd, delta), statements: moved, ...(errors ? { errors } : {}) };
}

/**
 * A copy of `value` with every `start` and `end` offset at or after `from` moved by `delta`, at any depth (a site's
 * span, a `close()` call's and its arguments'). Objects with nothing to move are shared, not copied. Generic on
 * purpose: a span recognition adds to its results later is moved too, as long as it is called `start`/`end`.
 */
function shiftOffsets<T>(value: T, from: number, delta: number): T {
	if (Array.isArray(value)) {
		let copy: unknown[] | undefined;
		for (let index = 0; index < value.length; index++) {
			const item = shiftOffsets(value[index], from, delta);
			if (item !== value[index]) {
				copy ??= value.slice();
				copy[index] = item;
			}
		}
		return (copy ?? value) as T;
	}
	if (value === null || typeof value !== 'object') {
		return value;
	}
	const record = value as Record<string, unknown>;
	let copy: Record<string, unknown> | undefined;
	for (const key in record) {
		const item = record[key];
		const next = typeof item === 'number'
			? ((key === 'start' || key === 'end') && item >= from ? item + delta : item)
			: shiftOffsets(item, from, delta);
		if (next !== item) {
			copy ??= { ...record };
			copy[key] = next;
		}
	}
	return (copy ?? value) as T;
}

/**
 * Recognition of a file that is not open (workspace-wide features, the index): parsed, recognised, and the tree
 * dropped at once. `undefined` when it is too large, binary or too deeply nested.
 */
export function recogniseText(uri: string, text: string, maxLength: number, link?: LinkModule): Analysis | undefined {
	if (skipReason(text, maxLength)) {
		return undefined;
	}
	try {
		return findCloseCodeSites(parse(uri, '', text), link, packageConstant);
	} catch {
		return undefined; // the parser or the analysis gave up on this file
	}
}

/** How documents are parsed: see `parse`. */
const parseOptions: ts.CreateSourceFileOptions = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };

/** A file's imports and exports alone (a barrel for the workspace index): parsed, no recognition. */
export function moduleShapeFacts(uri: string, text: string, maxLength: number): ModuleFacts | undefined {
	if (skipReason(text, maxLength)) {
		return undefined;
	}
	try {
		// No parent pointers: reading the top-level statements needs none, and the parse is cheaper without.
		const tree = ts.createSourceFile(uri, text, parseOptions, false, scriptKindOf(uri, ''));
		return { shape: moduleShapeOf(tree), declarations: [], importUses: [], sendParameters: [] };
	} catch {
		return undefined;
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
	// setParentNodes: the recognition rules walk from a literal up to its consumers. No JSDoc: nothing reads its nodes
	// (a doc comment shown in hovers is read from the comment's text), and it is a quarter of the parse of a
	// documented file. `ts.updateSourceFile` keeps the mode.
	return ts.createSourceFile(uri, text, parseOptions, true, scriptKindOf(uri, languageId));
}

/** Where two texts differ: the common prefix's end, and the end of the changed part in each text. */
function changedSpan(oldText: string, newText: string): { start: number; oldEnd: number; newEnd: number } {
	const limit = Math.min(oldText.length, newText.length);
	let prefix = 0;
	while (prefix < limit && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) {
		prefix++;
	}
	let suffix = 0;
	while (suffix < limit - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) {
		suffix++;
	}
	return { start: prefix, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
}

/**
 * Re-parses incrementally. The changed span is found by comparing the old and the new text from both ends, which
 * costs one linear scan and keeps the service independent of how the editor reported the edit.
 */
function reparse(tree: ts.SourceFile, oldText: string, newText: string, uri: string, languageId: string): ts.SourceFile {
	const { start, oldEnd, newEnd } = changedSpan(oldText, newText);
	const change = ts.createTextChangeRange(ts.createTextSpan(start, oldEnd - start), newEnd - start);
	try {
		return ts.updateSourceFile(tree, newText, change);
	} catch {
		// An incremental parse that fails has already spent the old tree; a full parse does not depend on it.
		return parse(uri, languageId, newText);
	}
}

/** Whether two analyses of the same text found the same (plain data: sites, calls, what the file tells others). */
function sameResults(a: Analysis, b: Analysis): boolean {
	return a.skipped === b.skipped && a.sites.length === b.sites.length && a.closeCalls.length === b.closeCalls.length &&
		JSON.stringify([a.sites, a.closeCalls, a.facts]) === JSON.stringify([b.sites, b.closeCalls, b.facts]);
}
