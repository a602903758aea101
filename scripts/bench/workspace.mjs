// The workspace index's rows of `npm run bench` (issue 14): indexing a large real tree (scripts/bench/fetchLargeTree.mjs,
// some 6,700 JS/TS files) against the bare `ts.createSourceFile` of the files that may hold a close code (the files
// the pre-scan lets through), and an edit in one file against the bare parse of that file. The files are read into
// memory first, so both sides time CPU work only.
//
//   node scripts/bench/workspace.mjs     prints the rows
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isSourceFile, repoRoot } from '../eval/corpusLib.mjs';
import { fetchLargeTree } from './fetchLargeTree.mjs';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const { createLanguageService } = require(join(repoRoot, 'out/server/src/service/index.js'));
const { mayHaveSites } = require(join(repoRoot, 'out/server/src/service/prescan.js'));

function sourceFilesUnder(directory) {
	return readdirSync(directory, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && isSourceFile(entry.name))
		.map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

function time(work) {
	const start = process.hrtime.bigint();
	const result = work();
	return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

/** The median of `count` runs of `work` (ms). */
function median(work, count) {
	const times = Array.from({ length: count }, () => time(work).ms).sort((a, b) => a - b);
	return times[Math.floor(count / 2)];
}

export async function workspaceRows({ runs = 3 } = {}) {
	const tree = fetchLargeTree();
	const texts = new Map(sourceFilesUnder(tree).map((path) => [pathToFileURL(path).href, readFileSync(path, 'utf8')]));
	const candidates = [...texts].filter(([, text]) => mayHaveSites(text));
	const parse = median(() => {
		for (const [uri, text] of candidates) {
			ts.createSourceFile(uri, text, ts.ScriptTarget.Latest, true);
		}
	}, runs);

	let reads = 0;
	const host = { listFiles: () => [...texts.keys()], readFile: (uri) => (reads++, texts.get(uri)) };
	let service;
	const index = median(() => {
		service = createLanguageService({ workspace: host });
		for (const _ of service.indexWorkspace()) {
			// the whole tree, as the server does in the background
		}
	}, runs);

	// An edit in one module that exports what others may use: only that file is read and analysed again.
	const [editedUri, editedText] = candidates.find(([, text]) => /\bexport\b/.test(text) && text.length > 2000) ?? candidates[0];
	const editedParse = median(() => ts.createSourceFile(editedUri, editedText, ts.ScriptTarget.Latest, true), 11);
	// A fresh service each time: a from-scratch parse and analysis, as the index does for a changed file.
	const editedAnalysis = median(() => createLanguageService().analyse({ uri: editedUri, languageId: '', version: 1, getText: () => editedText }), 11);
	let edits = 0;
	reads = 0;
	const reindex = median(() => {
		texts.set(editedUri, `${editedText}\n// edit ${edits++}\n`);
		service.fileChanged(editedUri);
		for (const _ of service.indexWorkspace()) {
			// only what changed
		}
	}, 11);
	const readsPerEdit = reads / 11;

	return [
		{ row: `workspace index of a ${texts.size.toLocaleString('en')}-file tree vs bare parse of its ${candidates.length.toLocaleString('en')} files with candidates`, figure: index / parse, max: 1 },
		{ row: 'an edit in one file: re-indexing vs the bare parse of that file', figure: reindex / editedParse },
		{ row: 'an edit in one file: re-indexing vs analysing that file alone', figure: reindex / editedAnalysis, max: 1.2 },
		{ row: 'files read again after an edit in one file', figure: readsPerEdit, max: 1, unit: 'files' },
	];
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
	for (const { row, figure, max, unit } of await workspaceRows()) {
		const target = max === undefined ? '' : ` (target ≤ ${max}${unit ? ` ${unit}` : '×'}) ${figure <= max ? 'met' : 'NOT MET'}`;
		console.log(`${row}: ${unit ? `${figure.toFixed(2)} ${unit}` : `${figure.toFixed(3)}×`}${target}`);
	}
}
