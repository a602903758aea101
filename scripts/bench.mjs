// `npm run bench`: what the extension costs, as ratios against the bare TypeScript parse (`ts.createSourceFile`) of
// the same text in the same run — so the figures mean the same on a slow CI box and a fast laptop — in one table:
// each target of the performance issue, its figure, and whether it is met. Needs `npm run build` (it runs the
// compiled service from out/ and the built server from server/dist/).
//
//   node scripts/bench.mjs [--quick]     --quick: fewer repetitions, no CLI or workspace rows (a smoke run)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const { TextDocument } = require('vscode-languageserver-textdocument');
const root = new URL('..', import.meta.url).pathname;
const { createLanguageService } = require(join(root, 'out/server/src/service/index.js'));
const { TestClient } = require(join(root, 'out/test/lsp/lspClient.js'));
// The server runs with the Node options the VS Code extension starts it with.
const { serverNodeArguments } = require(join(root, 'out/client/src/node/serverArguments.js'));

const quick = process.argv.includes('--quick');
const runs = quick ? 3 : 11;

// ---- inputs ------------------------------------------------------------------------------------------------------

/** A WebSocket-heavy client: close handlers, close() calls and timers, 5,000 lines. */
function webSocketClient(lines) {
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

/** The same amount of ordinary code with nothing that could be a close code (the files most users open). */
function ordinaryModule(lines) {
	const parts = [];
	for (let index = 0; parts.length < lines; index++) {
		parts.push(
			`export function total${index}(items: readonly { price: number; count: number }[]): number {`,
			`\tconst sum = items.reduce((acc, item) => acc + item.price * item.count, ${index % 7});`,
			`\treturn Math.round(sum * 100) / 100 + ${index % 50};`,
			'}',
			'',
		);
	}
	return parts.join('\n');
}

const heavy = webSocketClient(5000);
const ordinary = ordinaryModule(5000);

// ---- measuring ---------------------------------------------------------------------------------------------------

/** Median of `count` timings of `work` (ms), after a warm-up. */
function median(work, count = runs) {
	work();
	const times = [];
	for (let index = 0; index < count; index++) {
		const start = process.hrtime.bigint();
		work();
		times.push(Number(process.hrtime.bigint() - start) / 1e6);
	}
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)];
}

async function medianAsync(work, count = runs) {
	await work(-1);
	const times = [];
	for (let index = 0; index < count; index++) {
		const start = process.hrtime.bigint();
		await work(index);
		times.push(Number(process.hrtime.bigint() - start) / 1e6);
	}
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)];
}

const parse = (text) => ts.createSourceFile('bench.ts', text, ts.ScriptTarget.Latest, true);
const elapsed = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const middleOf = (times) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)];

/**
 * `work` against the bare parse of `text`: a parse, then the work, `count` times in alternation after a warm-up of
 * each, as the ratio of their medians. This machine's speed drifts by a quarter from one second to the next (a parse
 * of the heavy file took 29–49 ms in one quiet run); timing both side by side keeps the drift out of the ratio.
 */
async function ratioToParse(text, work, count = runs) {
	parse(text);
	await work(-1);
	const parses = [];
	const works = [];
	for (let index = 0; index < count; index++) {
		let start = process.hrtime.bigint();
		parse(text);
		parses.push(elapsed(start));
		start = process.hrtime.bigint();
		await work(index);
		works.push(elapsed(start));
	}
	return middleOf(works) / middleOf(parses);
}
const documentOf = (text, version = 1, uri = 'file:///bench.ts') => TextDocument.create(uri, 'typescript', version, text);

const rows = [];
/** A row of the table: `figure` is a ratio to the bare parse unless `unit` says otherwise; `max` is the target. */
function row(name, figure, max, unit = '×') {
	rows.push({ name, figure: unit === '×' ? `${figure.toFixed(3)}×` : `${Math.round(figure)} ${unit}`, target: max === undefined ? '—' : `≤ ${max}${unit === '×' ? '×' : ` ${unit}`}`, met: max === undefined ? '' : figure <= max ? 'yes' : 'NO' });
}

// ---- the service -------------------------------------------------------------------------------------------------

/**
 * The service as the Node server runs it: with a workspace index (here a second module that exports a close code),
 * so the rows include what linking costs on every keystroke.
 */
const workspaceFiles = { 'file:///codes.ts': 'export const AppCodes = { Kicked: 4002 };\n' };
const serverService = () => {
	const service = createLanguageService({ workspace: { listFiles: () => Object.keys(workspaceFiles), readFile: (uri) => workspaceFiles[uri] } });
	for (const _ of service.indexWorkspace()) {
		// indexed before timing, as the server does in the background
	}
	return service;
};

{
	// A new document each time (a new URI: nothing cached, no earlier tree to re-parse from), in one indexed service.
	const service = serverService();
	let opened = 0;
	const open = (text) => service.analyse(documentOf(text, 1, `file:///opened${opened++}.ts`));
	row('service: full analysis, WebSocket-heavy 5,000-line file', await ratioToParse(heavy, () => open(heavy)), 1.15);
	row('service: a file with no candidate literal (same size)', await ratioToParse(ordinary, () => open(ordinary)), 0.02);
}
{
	// What the editor asks on each keystroke in such a file: analysis, completion, code actions (the lightbulb), inlay
	// hints and diagnostics. The edited versions are made before timing (that is the editor's work, not ours).
	const service = serverService();
	const middle = documentOf(ordinary).positionAt(Math.floor(ordinary.length / 2));
	const versions = [];
	let document = documentOf(ordinary);
	for (let version = 2; version < runs + 3; version++) {
		document = TextDocument.update(document, [{ range: { start: middle, end: middle }, text: 'x' }], version);
		versions.push(document);
	}
	service.analyse(documentOf(ordinary));
	const settings = { locale: 'en' };
	const keystroke = await ratioToParse(ordinary, () => {
		const current = versions.shift();
		service.analyse(current);
		service.doComplete(current, middle, settings);
		service.getCodeActions(current, { start: middle, end: middle }, settings);
		service.getInlayHints(current, { start: { line: 0, character: 0 }, end: { line: 80, character: 0 } }, settings);
		service.doValidation(current, settings);
	});
	row('service: a keystroke in that file (analysis, completion, code actions, inlay hints, diagnostics)', keystroke, 0.02);
}

{
	// One keystroke in the middle of the heavy file, then what the editor asks for that version.
	const service = serverService();
	let version = 1;
	let document = documentOf(heavy, version);
	service.analyse(document);
	const middle = document.positionAt(Math.floor(heavy.length / 2));
	const edit = await ratioToParse(heavy, () => {
		document = TextDocument.update(document, [{ range: { start: middle, end: middle }, text: ' ' }], ++version);
		service.analyse(document);
	});
	row('service: a one-line edit in the 5,000-line file', edit, 0.2);
	const site = service.analyse(document).sites[Math.floor(service.analyse(document).sites.length / 2)];
	const at = document.positionAt(site.start + 1);
	const settings = { locale: 'en' };
	const features = await ratioToParse(heavy, () => {
		service.doHover(document, at, settings);
		service.getCodeActions(document, { start: at, end: at }, settings);
		service.getInlayHints(document, { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } }, settings);
		service.doValidation(document, settings);
	});
	row('service: hover + code actions + inlay hints + diagnostics on an analysed version', features, 0.02);
}

{
	// The JS/TS files of the packages `npm run eval` fetches: real code, most of it without any close code.
	const cache = process.env.WS_CLOSE_CODES_EVAL_CACHE ?? join(homedir(), '.cache', 'websocket-close-codes', 'eval');
	const files = [];
	const walk = (directory) => {
		for (const name of readdirSync(directory)) {
			const path = join(directory, name);
			const stats = statSync(path);
			if (stats.isDirectory()) {
				walk(path);
			} else if (/\.[cm]?[jt]sx?$/.test(name) && stats.size < 2_000_000) {
				files.push(readFileSync(path, 'utf8'));
			}
		}
	};
	if (existsSync(cache)) {
		walk(cache);
		const count = quick ? 1 : 3;
		const parse = median(() => files.forEach((text) => ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true)), count);
		const analyse = median(() => {
			const service = createLanguageService();
			files.forEach((text, index) => service.analyse({ uri: `file:///${index}.ts`, languageId: 'typescript', version: 1, getText: () => text }));
		}, count);
		row(`service: the eval corpus's ${files.length.toLocaleString('en')} real files, analysed once`, analyse / parse);
	} else {
		console.log(`(skipped the eval corpus row: ${cache} is empty — \`npm run eval\` fetches it)`);
	}
}

// ---- the built server over stdio --------------------------------------------------------------------------------

async function withServer(work) {
	const { client } = await TestClient.start({ transport: 'stdio', locale: 'en', nodeArguments: [...serverNodeArguments] });
	try {
		return await work(client);
	} finally {
		await client.stop();
	}
}

const hover = (client, uri, position) => client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });

await withServer(async (client) => {
	// Open + first hover: what the user waits for after opening a file. A fresh URI each time (nothing cached).
	const openAndHover = async (text, label, max) => {
		const position = documentOf(text).positionAt(text.indexOf('1001') >= 0 ? text.indexOf('1001') + 1 : 10);
		const ratio = await ratioToParse(text, async (index) => {
			const uri = `file:///open-${label}-${index}.ts`;
			await client.open(uri, text);
			await hover(client, uri, position);
			await client.close(uri);
		});
		row(`server over stdio: open + first hover, ${label}`, ratio, max);
	};
	await openAndHover(heavy, 'WebSocket-heavy 5,000-line file', 1.3);
	await openAndHover(ordinary, 'no candidate literal', 0.15);
});

{
	// Memory: 100 open WebSocket-heavy documents, each hovered; the server's resident memory before and after.
	const rss = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
	await withServer(async (client) => {
		const pid = client.process.pid;
		await hover(client, 'file:///none.ts', { line: 0, character: 0 });
		const before = rss(pid);
		const count = quick ? 20 : 100;
		for (let index = 0; index < count; index++) {
			const uri = `file:///memory-${index}.ts`;
			const text = `// document ${index}\n${heavy}`;
			await client.open(uri, text);
			await hover(client, uri, { line: 2, character: 20 });
		}
		row(`server over stdio: resident memory growth with ${count} open 5,000-line documents`, rss(pid) - before, quick ? undefined : 150, 'MB');
	});
}

{
	// Start-up: process start to the `initialize` result.
	const time = await medianAsync(async () => {
		const { client } = await TestClient.start({ transport: 'stdio', locale: 'en', nodeArguments: [...serverNodeArguments] });
		await client.stop();
	}, quick ? 2 : 5);
	row('server start to initialize result', time, undefined, 'ms');

	// Client activation: loading the extension's bundle (its own cost before it starts the server, measured above),
	// in a fresh process each time, with a stand-in for the `vscode` module. Activation stays lazy: only opening a
	// JS/TS file activates the extension.
	const loadClient = `
const Module = require('node:module');
const stub = new Proxy(function () {}, { get: (target, key) => (key === 'then' ? undefined : stub), apply: () => stub, construct: () => stub });
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? stub : load.call(this, request, ...rest); };
const start = process.hrtime.bigint();
require(process.argv[1]);
process.stdout.write(String(Number(process.hrtime.bigint() - start) / 1e6));`;
	const clientBundle = join(root, 'client', 'dist', 'node', 'extensionMain.js');
	const loads = [];
	for (let index = 0; index < (quick ? 3 : 7); index++) {
		loads.push(Number(execFileSync(process.execPath, ['-e', loadClient, clientBundle]).toString()));
	}
	row('client activation: loading the extension bundle (before the server starts)', middleOf(loads), undefined, 'ms');
	const events = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).activationEvents;
	rows.push({ name: 'client activation events (lazy: a JS/TS file must be opened)', figure: events.join(', '), target: 'onLanguage only', met: events.every((event) => event.startsWith('onLanguage:')) ? 'yes' : 'NO' });
}

// ---- the CLI (scripts/bench/cli.mjs) ----------------------------------------------------------------------------

if (!quick && existsSync(join(root, 'scripts', 'bench', 'cli.mjs'))) {
	const { cliRows } = await import(join(root, 'scripts', 'bench', 'cli.mjs'));
	for (const cliRow of await cliRows()) {
		rows.push({ name: cliRow.row, figure: cliRow.figure, target: cliRow.target, met: cliRow.met === undefined ? '' : cliRow.met ? 'yes' : 'NO' });
	}
}

// ---- the workspace index (scripts/bench/workspace.mjs) ---------------------------------------------------------

if (!quick) {
	const { workspaceRows } = await import(join(root, 'scripts', 'bench', 'workspace.mjs'));
	for (const { row: name, figure, max, unit } of await workspaceRows()) {
		row(name, figure, max, unit ?? '×');
	}
}

let cpu = '';
try {
	cpu = execFileSync('sh', ['-c', "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"]).toString().trim();
} catch {
	cpu = 'unknown CPU';
}
console.log(`Costs against the bare TypeScript parse of the same text in this run (median of ${runs}); ${cpu}, node ${process.version}.\n`);
console.log('| measure | figure | target | met |');
console.log('| --- | ---: | ---: | :---: |');
for (const { name, figure, target, met } of rows) {
	console.log(`| ${name} | ${figure} | ${target} | ${met} |`);
}
