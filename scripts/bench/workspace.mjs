// The workspace index's rows of `npm run bench` (issue 14), on a large real tree (scripts/bench/fetchLargeTree.mjs,
// some 6,700 JS/TS files), against the bare `ts.createSourceFile` of the files that may hold a close code (the files
// the pre-scan lets through):
// - building the index (the import graph: a scan of every file, no parse);
// - the first lookup that needs facts: opening a module that exports what others may use in a freshly indexed
//   workspace (its imports and its importers are analysed then, on demand);
// - an edit on disk of that module, against the bare parse and the analysis of that file alone, and the files read
//   again for it.
// The files are read into memory first, so both sides time CPU work only.
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
const { moduleCandidates } = require(join(repoRoot, 'out/server/src/service/workspace/moduleResolution.js'));

/**
 * The module that exports a declaration with a number in the close-code ranges and that most files of the tree import
 * (read with a regular expression, resolved as the index does): opening it needs the facts of its importers, the
 * costly case of a first lookup.
 */
function mostImported(texts, candidates) {
	const importers = new Map();
	for (const [uri, text] of texts) {
		for (const [, specifier] of text.matchAll(/(?:\bfrom\s*|\brequire\s*\(\s*)['"](\.\.?\/[^'"]*)['"]/g)) {
			const target = moduleCandidates(new URL(specifier, uri).href).find((candidate) => texts.has(candidate));
			if (target) {
				importers.set(target, (importers.get(target) ?? 0) + 1);
			}
		}
	}
	// Only a declaration bound to an export can be used elsewhere: a module without one asks none of its importers.
	const alone = createLanguageService();
	const exportsDeclaration = ([uri, text]) => {
		const facts = alone.analyse({ uri, languageId: '', version: 1, getText: () => text }).facts;
		alone.closeDocument(uri);
		return facts?.declarations.some(({ key }) => facts.shape.exports.some(({ local }) => local !== undefined && (key === local || key.startsWith(`${local}.`))));
	};
	const [uri, text] = candidates.filter(([, text]) => /\bexports?\b/.test(text)).sort(([a], [b]) => (importers.get(b) ?? 0) - (importers.get(a) ?? 0))
		.find(exportsDeclaration) ?? candidates[0];
	return [uri, text, importers.get(uri) ?? 0];
}

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
	const indexed = () => {
		const service = createLanguageService({ workspace: host });
		for (const _ of service.indexWorkspace()) {
			// the whole tree, as the server does in the background
		}
		return service;
	};
	// Building: the import graph (a scan of every file, no parse).
	const build = median(indexed, runs);

	// The first lookup that needs facts: a module that exports what others may use, opened in a freshly indexed
	// workspace. Its analysis asks the modules it imports and, for its exported declarations, the files that import it.
	const [editedUri, editedText, importerCount] = mostImported(texts, candidates);
	const documentOf = (version) => ({ uri: editedUri, languageId: '', version, getText: () => texts.get(editedUri) });
	let service;
	const firstLookupMs = [...Array(runs)].map(() => {
		service = indexed();
		return time(() => service.analyse(documentOf(1))).ms;
	}).sort((a, b) => a - b)[Math.floor(runs / 2)];
	service.closeDocument(editedUri); // the file on disk speaks for it again: its facts are kept, so an edit recomputes them

	// An edit on disk of that module: only that file is read and analysed again.
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
	texts.set(editedUri, editedText);
	const candidateFiles = `its ${candidates.length.toLocaleString('en')} files with candidates`;

	return [
		{ row: `workspace index of a ${texts.size.toLocaleString('en')}-file tree (import graph) vs bare parse of ${candidateFiles}`, figure: build / parse, max: 1 },
		{ row: `first lookup that needs facts (${editedUri.slice(editedUri.lastIndexOf('/') + 1)}, imported by ${importerCount} files, opened) vs bare parse of ${candidateFiles}`, figure: firstLookupMs / parse, max: 1 },
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
