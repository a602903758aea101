// `npm run bench`: how much the analysis costs on top of parsing, measured as ratios against the bare TypeScript
// parse (`ts.createSourceFile`) of the same file in the same run — so the numbers mean the same on a slow CI box
// and a fast laptop. Needs `npx tsc -b` (runs the compiled service from out/).
//
//   node scripts/bench.mjs [files...]     default: a generated 5,000-line client, ws/lib/websocket.js, the bundled
//                                         vscode-languageclient (a large minified-style file), the demo workspace
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const { TextDocument } = require('vscode-languageserver-textdocument');
const root = new URL('..', import.meta.url).pathname;
const { createLanguageService } = require(join(root, 'out/server/src/service/index.js'));

function generatedClient(lines) {
	const parts = [];
	for (let index = 0; parts.length < lines; index++) {
		parts.push(
			`export function handler${index}(socket: WebSocket, event: CloseEvent): void {`,
			`\tif (event.code === ${index % 3 === 0 ? 1001 : 1006}) {`,
			`\t\tsetTimeout(() => socket.close(1000, 'retry ${index}'), ${index * 10});`,
			'\t}',
			'}',
		);
	}
	return parts.join('\n');
}

const inputs = process.argv.length > 2
	? process.argv.slice(2).map((file) => ({ name: file, text: readFileSync(file, 'utf8') }))
	: [
		{ name: 'generated client (5,000 lines)', text: generatedClient(5000) },
		{ name: 'ws/lib/websocket.js', text: readFileSync(join(root, 'node_modules/ws/lib/websocket.js'), 'utf8') },
		{ name: 'vscode-languageclient bundle', text: readFileSync(join(root, 'client/dist/node/extensionMain.js'), 'utf8') },
		...readdirSync(join(root, 'test/fixtures/demo')).map((file) => ({ name: `demo/${file}`, text: readFileSync(join(root, 'test/fixtures/demo', file), 'utf8') })),
	];

/** Median of `runs` timings of `work`, in milliseconds, after a warm-up. */
function median(work, runs) {
	work();
	const times = [];
	for (let index = 0; index < runs; index++) {
		const start = process.hrtime.bigint();
		work();
		times.push(Number(process.hrtime.bigint() - start) / 1e6);
	}
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)];
}

const rows = [];
for (const { name, text } of inputs) {
	const runs = text.length > 1_000_000 ? 5 : 15;
	const languageId = /\.m?js$/.test(name) || name.includes('bundle') ? 'javascript' : 'typescript';
	let version = 0;
	const parse = median(() => ts.createSourceFile('bench.ts', text, ts.ScriptTarget.Latest, true), runs);
	// Full analysis of a document seen for the first time: parse + recognition.
	const full = median(() => createLanguageService().analyse(TextDocument.create('file:///bench', languageId, 1, text)), runs);
	// One keystroke in the middle of the file: incremental re-parse + recognition.
	const service = createLanguageService();
	let document = TextDocument.create('file:///bench', languageId, version, text);
	service.analyse(document);
	const middle = document.positionAt(Math.floor(text.length / 2));
	const keystroke = median(() => {
		document = TextDocument.update(document, [{ range: { start: middle, end: middle }, text: ' ' }], ++version);
		service.analyse(document);
	}, runs);
	// Diagnostics and a hover on an already analysed version (what the editor asks after each edit).
	const diagnostics = median(() => service.findProblems(document, { locale: 'en' }), runs);
	const hover = median(() => service.doHover(document, middle, { locale: 'en' }), runs);
	const sites = service.analyse(document).sites.length;
	rows.push({ name, kb: (text.length / 1024).toFixed(0), sites, parse, full, keystroke, diagnostics, hover });
}

const ratio = (value, base) => `${(value / base).toFixed(2)}×`;
console.log('Ratios against the bare TypeScript parse of the same file (median of repeated runs).\n');
console.log(['file', 'KiB', 'sites', 'parse ms', 'analyse (first time)', 'after a keystroke', 'diagnostics (cached)', 'hover (cached)'].join(' | '));
console.log(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:'].join(' | '));
for (const row of rows) {
	console.log([row.name, row.kb, row.sites, row.parse.toFixed(1), ratio(row.full, row.parse), ratio(row.keystroke, row.parse),
		ratio(row.diagnostics, row.parse), ratio(row.hover, row.parse)].join(' | '));
}
