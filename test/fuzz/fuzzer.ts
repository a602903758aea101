import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import type { CodeAction, Diagnostic, Position, Range } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit, TestClient } from '../lsp/lspClient';
import { extremeShapes } from './shapes';

/**
 * A seeded fuzzer that drives the built server (over stdio, as an editor does) and the built CLI with broken,
 * extreme and oddly encoded documents, and checks what a user would notice: no request answers with an error, no
 * handler logs an exception, every range lies inside the document, every offered edit applied adds no syntax error,
 * and a document answers exactly as before once its text is normal again.
 */

export const repositoryRoot = join(__dirname, '..', '..', '..');
const cliPath = join(repositoryRoot, 'server', 'dist', 'node', 'cli.js');

export interface FuzzOptions {
	readonly seed: number;
	readonly count: number;
	/** Another server build to fuzz (to count what an older build gets wrong). */
	readonly serverPath?: string;
	readonly cliPath?: string;
	/** Include the 5 MB file and the 1 MB line (slow-ish: a few seconds). */
	readonly huge?: boolean;
}

export interface Failure {
	/** What went wrong: `error response`, `logged exception`, `range outside the document`, … */
	readonly kind: string;
	/** Which generator made the input, and its index: rerun with the same seed to reproduce. */
	readonly input: string;
	readonly detail: string;
}

export interface FuzzResult {
	readonly inputs: number;
	readonly requests: number;
	readonly byGenerator: Record<string, number>;
	/** Versions the server declined to analyse (logged, no sites): parser overflows, binary, over the size limit. */
	readonly degraded: number;
	readonly cliFiles: number;
	readonly failures: Failure[];
}

interface Fixture {
	readonly name: string;
	readonly languageId: string;
	readonly text: string;
	/** Offsets where a token ends: every truncation point. */
	readonly boundaries: readonly number[];
}

/** Small, fast, seedable (mulberry32). */
export function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function loadFixtures(): Fixture[] {
	const folders = [join(repositoryRoot, 'test', 'fixtures', 'demo'), join(repositoryRoot, 'test', 'e2e', 'workspace')];
	return folders.flatMap((folder) => readdirSync(folder).filter((name) => /\.[jt]s$/.test(name)).sort().map((name) => {
		const text = readFileSync(join(folder, name), 'utf8');
		return { name, languageId: name.endsWith('.ts') ? 'typescript' : 'javascript', text, boundaries: tokenEnds(text) };
	}));
}

function tokenEnds(text: string): number[] {
	const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
	const ends: number[] = [];
	while (scanner.scan() !== ts.SyntaxKind.EndOfFileToken) {
		ends.push(scanner.getTokenEnd());
	}
	return ends;
}

/** Syntax errors TypeScript's parser reports, or `undefined` when the parser itself gives up (deep nesting). */
function syntaxErrors(text: string, languageId: string): number | undefined {
	try {
		const kind = languageId === 'typescript' ? ts.ScriptKind.TS : ts.ScriptKind.JS;
		const tree = ts.createSourceFile('check', text, ts.ScriptTarget.Latest, false, kind);
		return (tree as unknown as { parseDiagnostics: readonly unknown[] }).parseDiagnostics.length;
	} catch {
		return undefined;
	}
}

const noise = ['(', ')', '[', ']', '{', '}', '`', '${', '}', "'", '"', '/*', '*/', '//', '\n', '\r', '\r\n', '\t', ' ', ',', ';', '?', ':', '=',
	'=>', '.', '0', '1001', '1e3', '0x3E9', '\u0000', '\ufeff', '\ud800', '\udc00', '😀', 'é', '\u2028', '<', '>', '</', 'close(', 'ws.close(', 'case ',
	'code === ', 'new WebSocket(', 'enum E {', '#!'];

type Generator = (fixture: Fixture, next: () => number, index: number) => string;

/** The input generators, each named for the failure report. */
const generators: Readonly<Record<string, Generator>> = {
	truncation: (fixture, _next, index) => fixture.text.slice(0, fixture.boundaries[index % fixture.boundaries.length] ?? 0),
	mutation: (fixture, next) => {
		let text = fixture.text;
		for (let edits = 1 + Math.floor(next() * 6); edits > 0; edits--) {
			const at = Math.floor(next() * (text.length + 1));
			const choice = next();
			const piece = noise[Math.floor(next() * noise.length)];
			text = choice < 0.4 ? text.slice(0, at) + piece + text.slice(at)
				: choice < 0.7 ? text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 20))
				: text.slice(0, at) + piece + text.slice(at + piece.length);
		}
		return text;
	},
	unbalanced: (fixture, next) => {
		const at = Math.floor(next() * (fixture.text.length + 1));
		const opener = ['(', '[', '{', '`', '`${', '/*', "'", '<div>'][Math.floor(next() * 8)];
		const closerRemoved = fixture.text.replace(/[)\]}`]/g, (match) => (next() < 0.1 ? '' : match));
		return closerRemoved.slice(0, at) + opener.repeat(1 + Math.floor(next() * 50)) + closerRemoved.slice(at);
	},
	encoding: (fixture, next) => {
		const variants = [
			(text: string) => text.replace(/\r?\n/g, '\r\n'),
			(text: string) => text.replace(/\r?\n/g, '\r'),
			(text: string) => `\ufeff${text}`,
			(text: string) => text.replace(/ /g, (match) => (next() < 0.02 ? '\ud83d' : match)),
			(text: string) => text.replace(/;/g, (match) => (next() < 0.1 ? '\u0000' : match)),
			(text: string) => text.replace(/\n/g, (match) => (next() < 0.3 ? '\u2028' : match)),
		];
		return variants[Math.floor(next() * variants.length)](fixture.text);
	},
	extreme: (_fixture, _next, index) => {
		const shapes = Object.values(extremeShapes);
		return shapes[index % shapes.length]();
	},
};

/** How often each generator runs, out of 10. */
const schedule = ['truncation', 'truncation', 'truncation', 'mutation', 'mutation', 'mutation', 'unbalanced', 'unbalanced', 'encoding', 'extreme'];

function inside(range: Range, lines: readonly string[]): boolean {
	const ok = (position: Position) => position.line >= 0 && position.line < lines.length && position.character >= 0 &&
		position.character <= lines[position.line].length;
	return ok(range.start) && ok(range.end) &&
		(range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character));
}

/** Lines as LSP counts them (`\r\n`, `\n` and a lone `\r` end a line). */
function splitLines(text: string): string[] {
	return text.split(/\r\n|\r|\n/);
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
	const next = random(options.seed);
	const fixtures = loadFixtures();
	const failures: Failure[] = [];
	const byGenerator: Record<string, number> = {};
	let requests = 0;
	const { client } = await TestClient.start({ transport: 'stdio', pullDiagnostics: true, serverPath: options.serverPath });
	const baseline = new Map<string, string>();
	const uriOf = (fixture: Fixture) => `file:///fuzz/${fixture.name}`;
	const versions = new Map<string, number>();
	for (const fixture of fixtures) {
		await client.open(uriOf(fixture), fixture.text, fixture.languageId);
		versions.set(fixture.name, 1);
		baseline.set(fixture.name, JSON.stringify(await client.pullDiagnostics(uriOf(fixture))));
	}
	const cliInputs: { name: string; bytes: Buffer }[] = [];

	const check = async (input: string, fixture: Fixture, text: string): Promise<void> => {
		const uri = uriOf(fixture);
		const version = (versions.get(fixture.name) ?? 1) + 1;
		versions.set(fixture.name, version);
		// A full-text change: the server re-parses from the tree of the normal text, the path that used to poison it.
		await client.change(uri, version, [{ text }]);
		const lines = splitLines(text);
		const logged = client.logMessages.length;
		const request = async <T>(method: string, send: () => Promise<T>): Promise<T | undefined> => {
			requests++;
			try {
				return await send();
			} catch (error) {
				failures.push({ kind: 'error response', input, detail: `${method}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300) });
				return undefined;
			}
		};
		const outside = (what: string, range: Range | undefined) => {
			if (range && !inside(range, lines)) {
				failures.push({ kind: 'range outside the document', input, detail: `${what}: ${JSON.stringify(range)}` });
			}
		};
		const randomPosition = (): Position => {
			const line = Math.floor(next() * lines.length);
			return { line, character: Math.floor(next() * (lines[line].length + 1)) };
		};
		const errorsBefore = syntaxErrors(text, fixture.languageId);
		const checkActions = (actions: CodeAction[] | null | undefined) => {
			for (const action of actions ?? []) {
				for (const edit of Object.values(action.edit?.changes ?? {}).flat()) {
					outside(`edit of "${action.title}"`, edit.range);
				}
				if (errorsBefore === undefined || !action.edit) {
					continue;
				}
				let after: string;
				try {
					after = applyWorkspaceEdit(text, uri, action.edit);
				} catch (error) {
					failures.push({ kind: 'edit cannot be applied', input, detail: `${action.title}: ${String(error)}` });
					continue;
				}
				const errorsAfter = syntaxErrors(after, fixture.languageId);
				if (errorsAfter !== undefined && errorsAfter > errorsBefore) {
					failures.push({ kind: 'edit adds a syntax error', input, detail: `${action.title}: ${errorsBefore} → ${errorsAfter} syntax errors` });
				}
			}
		};

		const diagnostics = (await request('diagnostic', () => client.pullDiagnostics(uri))) ?? [];
		diagnostics.forEach((diagnostic: Diagnostic) => outside('diagnostic', diagnostic.range));
		const hints = await request('inlayHint', () => client.connection.sendRequest<{ position: Position }[] | null>('textDocument/inlayHint',
			{ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } } }));
		for (const hint of hints ?? []) {
			outside('inlay hint', { start: hint.position, end: hint.position });
		}
		// Sites (where hints sit, just after the number) and diagnostics, then random places.
		const sitePositions = (hints ?? []).slice(0, 4).map((hint) => ({ line: hint.position.line, character: Math.max(0, hint.position.character - 1) }));
		for (const position of [...sitePositions, randomPosition(), randomPosition()]) {
			const hover = await request('hover', () => client.hover(uri, position));
			outside('hover', hover?.range);
		}
		for (const diagnostic of diagnostics.slice(0, 4)) {
			checkActions(await request('codeAction', () => client.codeActions(uri, diagnostic.range, [diagnostic])));
		}
		for (const position of [...sitePositions.slice(0, 2), randomPosition()]) {
			checkActions(await request('codeAction', () => client.codeActions(uri, { start: position, end: position }, [])));
			checkActions(await request('codeAction', () => client.codeActions(uri, { start: position, end: position }, [], ['refactor.extract.constant'])));
		}
		const completion = await request('completion', () => client.connection.sendRequest<{ textEdit?: { range: Range } }[] | null>('textDocument/completion',
			{ textDocument: { uri }, position: randomPosition() }));
		for (const item of completion ?? []) {
			outside('completion', item.textEdit?.range);
		}
		for (const message of client.logMessages.slice(logged)) {
			if (message.type <= 2) {
				failures.push({ kind: 'logged exception', input, detail: message.message.split('\n').slice(0, 2).join(' ').slice(0, 300) });
			}
		}
		// Back to normal: the document must answer exactly as it did before.
		versions.set(fixture.name, version + 1);
		await client.change(uri, version + 1, [{ text: fixture.text }]);
		const recovered = await request('diagnostic', () => client.pullDiagnostics(uri));
		if (recovered && JSON.stringify(recovered) !== baseline.get(fixture.name)) {
			failures.push({ kind: 'no recovery after normal text', input, detail: `${fixture.name}: ${JSON.stringify(recovered).slice(0, 200)}` });
		}
	};

	const counters = new Map<string, number>();
	let degradedBefore = 0;
	for (let index = 0; index < options.count; index++) {
		const generator = schedule[Math.floor(next() * schedule.length)];
		const fixture = fixtures[Math.floor(next() * fixtures.length)];
		const nth = counters.get(`${generator}:${fixture.name}`) ?? 0;
		counters.set(`${generator}:${fixture.name}`, nth + 1);
		// Truncations walk each fixture's token boundaries in order from a seeded start, so a long run covers them all.
		const offset = Math.floor(random(options.seed ^ fixture.text.length)() * fixture.boundaries.length);
		const text = generators[generator](fixture, next, generator === 'truncation' ? offset + nth : index);
		byGenerator[generator] = (byGenerator[generator] ?? 0) + 1;
		await check(`${generator} #${index} of ${fixture.name} (seed ${options.seed})`, fixture, text);
		if (index % 10 === 0 && cliInputs.length < 200) {
			cliInputs.push({ name: `input-${index}.${fixture.languageId === 'typescript' ? 'ts' : 'js'}`, bytes: Buffer.from(text, 'utf8') });
		}
	}
	if (options.huge) {
		const fixture = fixtures[0];
		const big = fixture.text.repeat(Math.ceil(5_000_000 / fixture.text.length));
		const line = fixture.text.replace(/\r?\n/g, ' ').repeat(Math.ceil(1_000_000 / fixture.text.length));
		for (const [name, text] of [['5 MB file', big], ['1 MB line', line]] as const) {
			const started = Date.now();
			await check(`huge: ${name}`, fixture, text);
			byGenerator.huge = (byGenerator.huge ?? 0) + 1;
			if (Date.now() - started > 15_000) {
				failures.push({ kind: 'slow', input: `huge: ${name}`, detail: `${Date.now() - started} ms for the requests on it` });
			}
		}
	}
	degradedBefore = client.logMessages.filter((message) => message.type >= 3 && /not analysed/.test(message.message)).length;
	await client.stop();

	const cliFiles = runCli(options.cliPath ?? cliPath, cliInputs, failures);
	return { inputs: options.count + (byGenerator.huge ?? 0), requests, byGenerator, degraded: degradedBefore, cliFiles, failures };
}

/**
 * The CLI on a folder of fuzz inputs plus files no editor sends: invalid UTF-8, UTF-16, NUL bytes, and names
 * with quotes, newlines and non-ASCII. Its JSON and SARIF must parse, and it must exit 0 or 1 (2 is for usage and
 * unreadable paths).
 */
function runCli(cli: string, inputs: { name: string; bytes: Buffer }[], failures: Failure[]): number {
	const folder = mkdtempSync(join(tmpdir(), 'wscc-fuzz-'));
	try {
		const special = [
			{ name: 'invalid-utf8.js', bytes: Buffer.concat([Buffer.from('ws.close('), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0]), Buffer.from('1001);\n')]) },
			{ name: 'utf16.ts', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("const ws = new WebSocket('x');\nws.close(1001);\n", 'utf16le')]) },
			{ name: 'nul.js', bytes: Buffer.from('ws.close(1001);\u0000\u0000') },
			{ name: 'quote "and\' back\\slash.ts', bytes: Buffer.from("const ws = new WebSocket('x');\nws.close(1005);\n") },
			{ name: 'new\nline \u2028 ✓ 😀.js', bytes: Buffer.from("const ws = new WebSocket('x');\nws.close(999, '\ud800');\n") },
			{ name: 'empty.ts', bytes: Buffer.alloc(0) },
		];
		for (const { name, bytes } of [...inputs, ...special]) {
			writeFileSync(join(folder, name), bytes);
		}
		for (const format of ['json', 'sarif', 'text']) {
			const result = spawnSync(process.execPath, [cli, 'check', folder, '--format', format], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
			const detail = `${format}: exit ${result.status}, stderr ${result.stderr.slice(0, 300)}`;
			if (result.status !== 0 && result.status !== 1) {
				failures.push({ kind: 'CLI exit status', input: `CLI on ${inputs.length + special.length} files`, detail });
			}
			if (format !== 'text') {
				try {
					JSON.parse(result.stdout);
				} catch (error) {
					failures.push({ kind: 'CLI output is not valid JSON', input: `CLI --format ${format}`, detail: String(error) });
				}
			}
			if (/Error|at .*\.js:\d+/.test(result.stderr.replace(/ws-close-codes: .*: skipped \([^)]*\)\n/g, ''))) {
				failures.push({ kind: 'CLI crash', input: `CLI --format ${format}`, detail });
			}
		}
		return inputs.length + special.length;
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

/** Failures counted by kind, for the summary. */
export function byKind(failures: readonly Failure[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const failure of failures) {
		counts[failure.kind] = (counts[failure.kind] ?? 0) + 1;
	}
	return counts;
}
