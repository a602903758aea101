import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache } from '../../server/src/service/documentCache';
import { random } from '../fuzz/fuzzer';

// The document cache may answer an edit by moving the previous version's sites instead of analysing again (see
// `shiftedAnalysis`). That is only allowed where the result is identical to a full analysis: these tests apply many
// seeded random edits to real files — blank space around statements, where the shortcut applies, and every other
// kind of edit, where it must not — and compare each version with a fresh analysis.

const repoRoot = join(__dirname, '..', '..', '..');

function sourceFiles(directory: string): string[] {
	return readdirSync(directory).flatMap((name) => {
		const path = join(directory, name);
		return statSync(path).isDirectory() ? sourceFiles(path) : /\.[cm]?[jt]sx?$/.test(name) ? [path] : [];
	});
}

const tokens = [' ', '\n', '\t', '\r\n', '  \n\n', '1001', '4000', 'x', ';', '}', '{', '(', ')', '/*', '*/', '//', '"', "'", '`', 'close(',
	'ws.close(1000);\n', '\nconst code = 1006;\n', ' /* GoingAway */ ', '/** doc */\n', 'async', '\u00a0', '#!'];

/** One random edit: [start, end) replaced by text. Blank-space edits are favoured, to exercise the shortcut. */
function randomEdit(text: string, next: () => number, blankOnly = false): { start: number; end: number; text: string } {
	const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
	const at = Math.floor(next() * (text.length + 1));
	const kind = blankOnly ? 0 : next();
	if (kind < 0.6) {
		// In or next to blank space: insert or delete blanks (line breaks too).
		const blanks = [...text.matchAll(/[ \t\r\n]+/g)];
		const run = blanks.length > 0 ? pick(blanks) : undefined;
		const start = run ? run.index! + Math.floor(next() * (run[0].length + 1)) : at;
		if (run && next() < 0.4) {
			const end = Math.min(run.index! + run[0].length, start + 1 + Math.floor(next() * 3));
			return { start: Math.min(start, end), end, text: next() < 0.5 ? '' : pick([' ', '\n', '\t']) };
		}
		return { start, end: start, text: pick([' ', '\n', '\t', '\r\n', '   ', '\n\n']) };
	}
	if (kind < 0.85) {
		return { start: at, end: at, text: pick(tokens) };
	}
	return { start: at, end: Math.min(text.length, at + 1 + Math.floor(next() * 6)), text: next() < 0.5 ? '' : pick(tokens) };
}

/**
 * `blankOnly`: only blank-space edits, so the code stays free of syntax errors (next to one the shortcut never
 * applies: the statements' bounds do not say where an unterminated string ends).
 */
function checkEdits(path: string, text: string, edits: number, seed: number, blankOnly = false): number {
	const cache = new DocumentCache({ maxRetainedTrees: 2, maxDocumentLength: 5_000_000 });
	const next = random(seed);
	const languageId = /\.[cm]?tsx?$/.test(path) ? (path.endsWith('x') ? 'typescriptreact' : 'typescript') : (path.endsWith('x') ? 'javascriptreact' : 'javascript');
	let document = TextDocument.create(`file://${path}`, languageId, 1, text);
	cache.analyse(document);
	const before = cache.shiftedCount;
	for (let index = 0; index < edits; index++) {
		const edit = randomEdit(document.getText(), next, blankOnly);
		document = TextDocument.update(document, [{ range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, text: edit.text }],
			document.version + 1);
		const incremental = cache.analyse(document);
		const full = new DocumentCache({ maxRetainedTrees: 1, maxDocumentLength: 5_000_000 }).analyse(document);
		assert.deepEqual(incremental, full, `${path}, seed ${seed}, edit ${index + 1}: ${JSON.stringify(edit)}`);
		if (index % 7 === 0) {
			// A feature asking for the tree gets the current text's, re-parsed from the earlier one.
			assert.equal(cache.tree(document)?.text, document.getText(), `${path}, seed ${seed}, edit ${index + 1}: tree text`);
		}
	}
	return cache.shiftedCount - before;
}

describe('incremental analysis', () => {
	test('random edits to every fixture and workspace file give exactly what a full analysis gives', () => {
		const files = ['test/fixtures', 'test/e2e/workspace'].flatMap((folder) => sourceFiles(join(repoRoot, folder)));
		assert.ok(files.length > 30, `${files.length} files`);
		let shifted = 0;
		files.forEach((path, index) => {
			shifted += checkEdits(path, readFileSync(path, 'utf8'), 60, 1000 + index);
		});
		// Not vacuous: many of those edits took the shortcut (a share, so that adding a file does not tip it).
		assert.ok(shifted > files.length * 60 * 0.03, `${shifted} of ${files.length * 60} edits moved the sites`);
	});

	test('a WebSocket-heavy generated file: the shortcut applies between functions and matches a full analysis', () => {
		const parts: string[] = [];
		for (let index = 0; index < 60; index++) {
			parts.push(`export function handler${index}(socket: WebSocket, event: CloseEvent): void {`, `\tif (event.code === ${index % 3 === 0 ? 1001 : 1006}) {`,
				`\t\tsetTimeout(() => socket.close(1000, 'retry ${index}'), ${index * 10});`, '\t}', '}', '');
		}
		const shifted = checkEdits('/generated.ts', parts.join('\n'), 200, 7, true);
		assert.ok(shifted > 10, `${shifted} edits moved the sites`);
	});

	test('random edits to real files of the eval corpus (when `npm run eval` has fetched it)', (context) => {
		const cache = process.env.WS_CLOSE_CODES_EVAL_CACHE ?? join(homedir(), '.cache', 'websocket-close-codes', 'eval');
		if (!existsSync(cache)) {
			context.skip('no eval corpus here');
			return;
		}
		// The files with close() calls, smallest first up to a budget: a full analysis per edit is the slow side.
		const files = sourceFiles(cache).map((path) => ({ path, size: statSync(path).size }))
			.filter(({ size }) => size < 40_000).sort((a, b) => a.path.localeCompare(b.path))
			.filter(({ path }) => /\.close\(\s*\d/.test(readFileSync(path, 'utf8'))).slice(0, 12);
		files.forEach(({ path }, index) => checkEdits(path, readFileSync(path, 'utf8'), 40, 5000 + index));
	});
});
