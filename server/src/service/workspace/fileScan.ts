import { mayHaveSites } from '../prescan';

/**
 * What the workspace index learns of a file from its text alone, without parsing it: the pre-scan (`prescan.ts`), a
 * few words, and the relative modules it names (a regular expression: no scanner, no syntax tree). This is
 * all that building the index costs; recognition runs later, for the files a lookup needs.
 */
export interface FileScan {
	/** Exports something, or imports a module of the workspace: only such a file can link to another. */
	readonly linkable: boolean;
	/** May hold a close-code site (the pre-scan): its facts come from a full analysis. */
	readonly candidate: boolean;
	/** A close stands near (see `closeWords`): without a candidate, it may still use an imported close code. */
	readonly closeWords: boolean;
	/** Passes names on (see `reExports`): read for its shape even when nothing else in it matters. */
	readonly reExports: boolean;
	/** The relative and aliased specifiers of its imports, re-exports and `require()`s, as written. */
	readonly specifiers: readonly string[];
}

export const unreadable: FileScan = Object.freeze({ linkable: false, candidate: false, closeWords: false, reExports: false, specifiers: [] });

export function scanFile(text: string): FileScan {
	if (!canLink(text)) {
		return unreadable; // neither exports nor imports a module of the workspace: never needed by another file
	}
	return {
		linkable: true,
		candidate: mayHaveSites(text),
		closeWords: closeWords.test(text),
		reExports: reExports.test(text),
		// Most files name no relative module at all: the others are searched for the forms that import one.
		specifiers: relativeSpecifier.test(text) ? relativeSpecifiers(text) : [],
	};
}

/** Exports something, or imports a module of the workspace: only such a file can link to another. */
export function canLink(text: string): boolean {
	return /\bexports?\b/.test(text) || relativeImport.test(text);
}

/**
 * Can a file without any candidate literal matter to the index — a barrel, or a file where a close stands near
 * (it may use an imported close code)? Judged on its text alone, so the CLI's worker threads tell the main thread
 * which of the files they did not parse it needs to read.
 */
export function mayMatterToIndex(text: string): boolean {
	return canLink(text) && (closeWords.test(text) || reExports.test(text));
}

/**
 * A use of a close code without a literal stands next to a close: `ws.close(Codes.Kicked)`, `event.code ===
 * Codes.Kicked`, `onclose`, an `on('close')` listener, a `CloseEvent`, a `closeCode`. A file that mentions an exported
 * name with none of these around is not analysed for the index (`sourceCode` or a `close` in prose does not count).
 */
export const closeWords = /\.close\s*\(|\.code\b|onclose|['"`]close['"`]|CloseEvent|close_?code/i;

/** An import of a module of the workspace: a relative one, or through a project's path alias (`@/lib/codes`, `~/codes`). */
export const relativeImport = /(?:\bfrom\s*|\brequire\s*\(\s*)['"](?:\.\.?|@@?|~~?|#)\//;

/**
 * A relative specifier after `from`, `import`, `import(` or `require(`. Nine times cheaper than TypeScript's
 * `preProcessFile` on the eval corpus and the large tree, and it finds every specifier that one does except those of
 * AMD `define([…])` and `declare module '…'`, which the module shapes do not follow anyway. What it finds in a
 * comment or a string only costs a look at a module that turns out not to be imported.
 */
const moduleSpecifier = /\b(?:from|import|require)\s*(?:\(\s*)?(['"`])(\.\.?(?:\/[^'"`\r\n]*)?|(?:@@?|~~?|#)\/[^'"`\r\n]+)\1/g;

function relativeSpecifiers(text: string): string[] {
	const found = new Set<string>();
	for (const match of text.matchAll(moduleSpecifier)) {
		if (!inCommentLine(text, match.index)) {
			found.add(match[2]);
		}
	}
	return [...found];
}

/**
 * Is `index` in a comment that fills its line: `// …`, or a `/* … *\/` block's line (`/** @typedef
 * {import('./x').Y} *\/`, ` * @import { Compiler } from './Compiler'`) before the block ends? JSDoc type imports are
 * most of what the search finds that TypeScript's scanner does not (1,100 in webpack's sources alone) and name no
 * value. Only whole comment lines are judged, so a minified bundle's one long line is never wrongly skipped.
 */
function inCommentLine(text: string, index: number): boolean {
	let start = text.lastIndexOf('\n', index - 1) + 1;
	while (text.charCodeAt(start) === 0x20 || text.charCodeAt(start) === 0x09) {
		start++;
	}
	if (text.startsWith('//', start)) {
		return true;
	}
	const opened = text.startsWith('/*', start) ? start + 2 : text.charCodeAt(start) === 0x2a /* * */ ? start : -1;
	if (opened < 0) {
		return false;
	}
	const closed = text.indexOf('*/', opened);
	return closed < 0 || closed > index;
}

/** A string that may be a relative or aliased specifier (`'./x'`, `"../x"`, `'.'`, `'@/x'`): the cheap look before the search. */
const relativeSpecifier = /['"`](?:\.\.?(?:\/|['"`])|(?:@@?|~~?|#)\/)/;

/**
 * `export * from`, `export { X } from`, `module.exports = require(…)`: a barrel passes names on without mentioning
 * them, so it is read for its shape whatever it says.
 */
export const reExports = /\bexport\s*(?:\*|\{[^}]*\}\s*from)|\bexports\b[^;\n]*=\s*require\s*\(|\bexports\s*=\s*\{[^}]*?\brequire\s*\(/;
