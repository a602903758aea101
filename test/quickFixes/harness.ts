// Shared proof machinery for the quick fixes that write code: ask the BUILT server for an action over LSP, apply its
// edit, check the result (syntax, style, not offered again, tsc --strict), and run it against a real `ws` server.
import { strict as assert } from 'node:assert';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as ts from 'typescript';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { applyWorkspaceEdit, positionOf, TestClient } from '../lsp/lspClient';
import type { RunnerMessage, RunnerRequest, ScheduledTimer } from './runner';

export const repoRoot = join(__dirname, '..', '..', '..');
export const fixturesDirectory = join(repoRoot, 'test', 'fixtures', 'quickFixes');

/** Small delays, set through the LSP settings, so that the generated code backs off in milliseconds. */
export const BASE_MS = 100;
export const CAP_MS = 800;
/** How long a connection must stay open before the generated code starts its backoff again (a setting). */
export const STABLE_MS = 1000;
/**
 * How much later than the delay the code chose a reconnect may be seen on the wire: timer lateness, the TCP
 * connection and the upgrade request, on a 2-core machine that other jobs may be loading heavily.
 */
export const LATENESS_MS = 400;
/** Long enough for any retry to have happened: the cap, plus that margin. */
export const QUIET_MS = CAP_MS + LATENESS_MS;

/** Milliseconds since the epoch, with sub-millisecond precision (comparable with the child processes' clocks). */
export const now = (): number => performance.timeOrigin + performance.now();

export const reconnectTitle = 'Reconnect with exponential backoff';

export interface CodeStyleExpectation {
	readonly indent: '\t' | '  ' | '    ';
	readonly quote: "'" | '"';
	readonly semicolon: boolean;
	readonly eol: '\n' | '\r\n';
}

export function readFixture(name: string): string {
	return readFileSync(join(fixturesDirectory, name), 'utf8');
}

export function languageIdOf(name: string): string {
	return /\.tsx$/.test(name) ? 'typescriptreact' : /\.ts$/.test(name) ? 'typescript' : /\.jsx$/.test(name) ? 'javascriptreact' : 'javascript';
}

const timed = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> => {
	let timer: NodeJS.Timeout | undefined;
	return Promise.race([
		promise,
		new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
		}),
	]).finally(() => clearTimeout(timer));
};
export const withTimeout = timed;
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---- the language server ---------------------------------------------------------------------------------------

/** What the code-writing actions are: quick fixes, and the frame-type guards, a refactor on a handler's signature. */
export type ActionKind = 'quickfix' | 'refactor.rewrite';

export interface AppliedFix {
	readonly fixture: string;
	readonly title: string;
	readonly original: string;
	readonly result: string;
	readonly action: CodeAction;
	readonly edits: readonly TextEdit[];
	/** Every action offered where this one was asked for, in order. */
	readonly offered: readonly CodeAction[];
}

/** The built server over stdio, configured with the small reconnect delays (pulled as `workspace/configuration`). */
export class FixServer {
	private documents = 0;

	private constructor(readonly client: TestClient) {}

	/** `settings()` answers every `workspace/configuration` request for the `websocketCloseCodes` section. */
	static async start(settings: () => unknown = () => ({ reconnect: { initialDelayMs: BASE_MS, maxDelayMs: CAP_MS, maxAttempts: 0, stableAfterMs: STABLE_MS } })): Promise<FixServer> {
		const { client } = await TestClient.start({ transport: 'stdio', locale: 'en', configuration: settings });
		return new FixServer(client);
	}

	/** Opens `text` as a new document named like the fixture (the extension decides TS/JS and JSX). */
	async open(fixture: string, text: string): Promise<string> {
		this.documents++;
		const uri = `file:///workspace/${this.documents}/${fixture}`;
		await this.client.open(uri, text, languageIdOf(fixture));
		return uri;
	}

	/** The quick fixes (or the actions of `kind`) offered at the first occurrence of `needle` (+ `delta` characters). */
	async quickFixes(uri: string, text: string, needle: string, delta = 0, kind: ActionKind = 'quickfix'): Promise<CodeAction[]> {
		const position = positionOf(text.replace(/\r\n/g, '\n'), needle, delta);
		return (await this.client.codeActions(uri, { start: position, end: position }, [], [kind])) ?? [];
	}

	/** Asks for the actions at `needle` in the fixture, applies the one titled `title`, returns both texts. */
	async apply(fixture: string, needle: string, title: string, delta = 0, source = readFixture(fixture), kind: ActionKind = 'quickfix'): Promise<AppliedFix> {
		const uri = await this.open(fixture, source);
		const offered = await this.quickFixes(uri, source, needle, delta, kind);
		const action = offered.find((candidate) => candidate.title === title);
		assert.ok(action, `${fixture}: "${title}" not offered at ${needle}; offered: ${JSON.stringify(offered.map((candidate) => candidate.title))}`);
		assert.equal(action.kind, kind);
		assert.equal(action.command, undefined, 'the edit is carried in the action, not in a command');
		const edits = action.edit?.changes?.[uri] ?? [];
		const result = applyWorkspaceEdit(source, uri, action.edit);
		await this.client.close(uri);
		return { fixture, title, original: source, result, action, edits, offered };
	}

	/** The titles offered at `needle` in `text` (opened as a new document named like `fixture`). */
	async titlesAt(fixture: string, text: string, needle: string, delta = 0, kind: ActionKind = 'quickfix'): Promise<string[]> {
		const uri = await this.open(fixture, text);
		const titles = (await this.quickFixes(uri, text, needle, delta, kind)).map((action) => action.title);
		await this.client.close(uri);
		return titles;
	}

	/** The server's own diagnostics for `text` (push mode: published shortly after the document opens). */
	async diagnostics(fixture: string, text: string): Promise<Diagnostic[]> {
		const uri = await this.open(fixture, text);
		const diagnostics = await this.client.until(() => this.client.published.get(uri));
		await this.client.close(uri);
		return diagnostics;
	}

	stop(): Promise<number | null> {
		return this.client.stop();
	}
}

// ---- static checks -------------------------------------------------------------------------------------------------

function scriptKind(fileName: string): ts.ScriptKind {
	return /\.tsx$/.test(fileName) ? ts.ScriptKind.TSX : /\.[mc]?ts$/.test(fileName) ? ts.ScriptKind.TS : /\.jsx$/.test(fileName) ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
}

export function parse(fileName: string, text: string): ts.SourceFile {
	return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKind(fileName));
}

/** Syntax errors, as the compiler reports them for this file name (JSX only in .tsx/.jsx). */
export function syntaxErrors(fileName: string, text: string): string[] {
	const output = ts.transpileModule(text, {
		fileName, reportDiagnostics: true,
		compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, jsx: ts.JsxEmit.Preserve, allowJs: true },
	});
	return (output.diagnostics ?? []).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

/** Where each edit's new text ended up in the result: [start, end) offsets. */
export function insertedRanges(original: string, edits: readonly TextEdit[]): { start: number; end: number }[] {
	const lineStarts = [0];
	for (let index = 0; index < original.length; index++) {
		if (original[index] === '\n') {
			lineStarts.push(index + 1);
		}
	}
	const offsets = edits
		.map((edit, order) => ({
			start: (lineStarts[edit.range.start.line] ?? original.length) + edit.range.start.character,
			end: (lineStarts[edit.range.end.line] ?? original.length) + edit.range.end.character,
			length: edit.newText.length, order,
		}))
		.sort((a, b) => a.start - b.start || a.order - b.order);
	let delta = 0;
	return offsets.map((edit) => {
		const start = edit.start + delta;
		delta += edit.length - (edit.end - edit.start);
		return { start, end: start + edit.length };
	});
}

/**
 * Does the inserted code look like the file? Every line the edit wrote is indented with whole units of the file's
 * indentation (JSDoc ` *` lines aside), every string literal it wrote uses the file's quote, every statement and type
 * member it wrote ends with a semicolon exactly when the file's do, and the line endings are the file's.
 */
export function styleProblems(fix: AppliedFix, expected: CodeStyleExpectation): string[] {
	const problems: string[] = [];
	const { result } = fix;
	if (expected.eol === '\r\n' ? /(^|[^\r])\n/.test(result) : result.includes('\r')) {
		problems.push(`line endings are not all ${JSON.stringify(expected.eol)}`);
	}
	const inserted = insertedRanges(fix.original, fix.edits);
	const within = (node: ts.Node, tree: ts.SourceFile) =>
		inserted.some((range) => range.start <= node.getStart(tree) && node.getEnd() <= range.end);
	// Lines touched by inserted text.
	let lineStart = 0;
	for (const line of result.split('\n')) {
		const lineEnd = lineStart + line.length;
		if (inserted.some((range) => range.start < lineEnd && range.end > lineStart) && line.trim() !== '') {
			const leading = /^[ \t]*/.exec(line)?.[0] ?? '';
			const rest = line.slice(leading.length);
			const units = leading.split(expected.indent).join('');
			const jsDoc = /^\*/.test(rest) && units === ' ';
			if (units !== '' && !jsDoc) {
				problems.push(`indentation ${JSON.stringify(leading)} is not whole ${JSON.stringify(expected.indent)} units: ${line.trim()}`);
			}
		}
		lineStart = lineEnd + 1;
	}
	const tree = parse(fix.fixture, result);
	const visit = (node: ts.Node): void => {
		if (within(node, tree)) {
			if (ts.isStringLiteral(node) && node.getText(tree)[0] !== expected.quote) {
				problems.push(`string ${node.getText(tree)} does not use ${expected.quote}`);
			}
			const terminated = ts.isVariableStatement(node) || ts.isExpressionStatement(node) || ts.isReturnStatement(node) ||
				ts.isBreakStatement(node) || ts.isPropertySignature(node) || ts.isPropertyDeclaration(node);
			if (terminated && node.getText(tree).endsWith(';') !== expected.semicolon) {
				problems.push(`${expected.semicolon ? 'missing' : 'unexpected'} semicolon: ${node.getText(tree).split('\n')[0]}`);
			}
		}
		ts.forEachChild(node, visit);
	};
	visit(tree);
	return problems;
}

// ---- type checking -----------------------------------------------------------------------------------------------

export type Runtime = 'browser' | 'node';

/**
 * Type-checks files together (each a module: `moduleDetection: force`) under `strict`, JS with `checkJs`: browser
 * code against `lib: ['ES2022', 'DOM']`, `ws` code against `types: ['node']` with @types/ws from the repository's
 * node_modules. The files are written to a folder under out/ so that module resolution finds them. Returns the
 * errors as `file(line): message`.
 */
export function typeCheck(files: readonly { readonly fileName: string; readonly text: string }[], runtime: Runtime): string[] {
	const directory = mkdtempSync(join(repoRoot, 'out', 'quickfix-check-'));
	try {
		// ES modules, as the fixtures are written (the .cjs file stays CommonJS by its extension).
		writeFileSync(join(directory, 'package.json'), '{ "type": "module" }\n');
		const roots = files.map((file) => {
			const path = join(directory, file.fileName);
			writeFileSync(path, file.text);
			return path;
		});
		if (runtime === 'browser') {
			// JSX needs a JSX namespace; the fixtures' components are not about React.
			const jsx = join(directory, 'jsx.d.ts');
			writeFileSync(jsx, 'declare namespace JSX {\n\tinterface Element {}\n\tinterface IntrinsicElements { [name: string]: Record<string, unknown> }\n}\n');
			roots.push(jsx);
		}
		const converted = ts.convertCompilerOptionsFromJson({
			strict: true, noEmit: true, target: 'ES2022', module: 'node16', moduleResolution: 'node16', moduleDetection: 'force',
			allowJs: true, checkJs: true, jsx: 'preserve', skipLibCheck: true, esModuleInterop: true,
			lib: runtime === 'browser' ? ['ES2022', 'DOM'] : ['ES2022'],
			types: runtime === 'browser' ? [] : ['node'],
		}, directory);
		assert.deepEqual(converted.errors.map((error) => ts.flattenDiagnosticMessageText(error.messageText, '\n')), []);
		const program = ts.createProgram(roots, converted.options);
		return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
			const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
			if (!diagnostic.file || diagnostic.start === undefined) {
				return message;
			}
			const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
			return `${diagnostic.file.fileName.slice(directory.length + 1)}(${line + 1}): ${message}`;
		});
	} finally {
		rmSync(directory, { recursive: true, force: true });
	}
}

/**
 * Lets timing-sensitive runs measure together, once every one of them is set up: starting node processes takes the
 * CPU (2 cores), and a timer that fires late during someone else's start-up would read as a wrong delay.
 */
export class Barrier {
	private arrived = 0;
	private release: () => void = () => undefined;
	private readonly released = new Promise<void>((resolve) => {
		this.release = resolve;
	});

	constructor(private readonly parties: number) {}

	/** A party's place: `arrive()` waits for the others; `leave()` (in `finally`) frees them if it never arrived. */
	ticket(): { arrive(): Promise<void>; leave(): void } {
		let counted = false;
		const count = () => {
			if (!counted) {
				counted = true;
				this.arrived++;
				if (this.arrived >= this.parties) {
					this.release();
				}
			}
		};
		return {
			arrive: async () => {
				count();
				await timed(this.released, 20_000, 'the other timed runs to be ready');
			},
			leave: count,
		};
	}
}

// ---- running the result -------------------------------------------------------------------------------------------

const runnerPath = join(__dirname, 'runner.js');
const running = new Set<RunningModule>();

/** At most this many child processes at a time (2 cores: the children mostly wait, but start-up is CPU). */
const maxChildren = 6;
let activeChildren = 0;
const queue: (() => void)[] = [];

async function childSlot(): Promise<() => void> {
	if (activeChildren >= maxChildren) {
		await new Promise<void>((resolve) => queue.push(resolve));
	}
	activeChildren++;
	let released = false;
	return () => {
		if (!released) {
			released = true;
			activeChildren--;
			queue.shift()?.();
		}
	};
}

/** The result compiled to what node runs: TS and JSX transpiled to an ES module, .mjs/.cjs/.js as they are. */
export function runnable(fixture: string, text: string): { fileName: string; code: string } {
	const base = fixture.replace(/\.[^.]+$/, '');
	if (/\.(?:tsx?|jsx)$/.test(fixture)) {
		const output = ts.transpileModule(text, {
			fileName: fixture, reportDiagnostics: true,
			// JSX becomes React.createElement calls that the tests never make (the components are not rendered).
			compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, jsx: ts.JsxEmit.React, allowJs: true },
		});
		assert.deepEqual((output.diagnostics ?? []).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')), []);
		return { fileName: `${base}.mjs`, code: output.outputText };
	}
	return { fileName: fixture, code: text };
}

/** A fixed module running in a child node process (see runner.ts), driven over IPC. */
export class RunningModule {
	readonly uncaught: string[] = [];
	stderr = '';
	private nextId = 0;
	private readonly replies = new Map<number, (message: Extract<RunnerMessage, { kind: 'reply' }>) => void>();
	readonly ready: Promise<string[]>;
	readonly exited: Promise<number | null>;

	private constructor(readonly child: ChildProcess, private readonly directory: string, private readonly release: () => void) {
		running.add(this);
		let onReady: (exports: string[]) => void = () => undefined;
		this.ready = new Promise((resolve) => {
			onReady = resolve;
		});
		child.on('message', (message: RunnerMessage) => {
			if (message.kind === 'ready') {
				onReady(message.exports);
			} else if (message.kind === 'uncaught') {
				this.uncaught.push(message.error);
			} else {
				this.replies.get(message.id)?.(message);
				this.replies.delete(message.id);
			}
		});
		child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
			this.stderr += chunk;
		});
		this.exited = new Promise((resolve) => child.once('exit', (code) => {
			running.delete(this);
			resolve(code);
		}));
	}

	/** Writes the module to a folder under out/ (so `ws` resolves) and starts it. */
	static async start(fixture: string, text: string, flavour: 'whatwg' | 'node'): Promise<RunningModule> {
		const release = await childSlot();
		const directory = mkdtempSync(join(repoRoot, 'out', 'quickfix-run-'));
		const { fileName, code } = runnable(fixture, text);
		writeFileSync(join(directory, 'package.json'), '{ "type": "module" }\n');
		writeFileSync(join(directory, fileName), code);
		const child = fork(runnerPath, [join(directory, fileName), flavour], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
		const module = new RunningModule(child, directory, release);
		// Generous: a node process takes a while to start when the machine is busy.
		await timed(Promise.race([module.ready, module.exited.then((exitCode) => {
			throw new Error(`the module exited (${exitCode}) before it was ready:\n${module.uncaught.join('\n')}\n${module.stderr}`);
		})]), 20_000, `${fixture} to load`);
		return module;
	}

	private request(request: Omit<RunnerRequest, 'id'>): Promise<unknown> {
		const id = this.nextId++;
		const reply = new Promise<unknown>((resolve, reject) => {
			this.replies.set(id, (message) => (message.error !== undefined ? reject(new Error(message.error)) : resolve(message.value)));
		});
		this.child.send({ ...request, id });
		return timed(reply, 10_000, `${request.op} ${request.name}`);
	}

	/** Calls an exported function (or, with `target`, a method of an object kept earlier). */
	call(name: string, args: unknown[] = [], options: { target?: string; as?: string } = {}): Promise<unknown> {
		return this.request({ op: 'call', name, args, ...options });
	}

	/** `new Exported(...args)`, kept as `as`. */
	construct(name: string, args: unknown[], as: string): Promise<unknown> {
		return this.request({ op: 'construct', name, args, as });
	}

	get(name: string, target?: string): Promise<unknown> {
		return this.request({ op: 'get', name, ...(target === undefined ? {} : { target }) });
	}

	/** Imports the module again, as a fresh instance (its top-level code runs again). */
	reload(): Promise<unknown> {
		return this.request({ op: 'reload', name: '' });
	}

	/** The timers the generated `schedule()` has set so far, in order. */
	async scheduled(): Promise<ScheduledTimer[]> {
		return await this.request({ op: 'scheduled', name: '' }) as ScheduledTimer[];
	}

	async stop(): Promise<void> {
		if (this.child.exitCode === null && this.child.signalCode === null) {
			this.child.kill('SIGKILL');
			await timed(this.exited, 5000, 'the child to exit');
		}
		this.release();
		rmSync(this.directory, { recursive: true, force: true });
	}

	/** Kills every child still running (for `after` hooks). */
	static async stopAll(): Promise<void> {
		await Promise.all([...running].map((module) => module.stop()));
	}
}

// ---- a real ws server the clients connect to ----------------------------------------------------------------------

export interface Frame {
	readonly data: Buffer;
	readonly isBinary: boolean;
}

/** One accepted connection, as the server sees it. */
export class ServerConnection {
	readonly frames: Frame[] = [];
	/** When the closing handshake finished (the client can see the close now), ms since the epoch. */
	endedAt: number | undefined;
	readonly ended: Promise<{ code: number; at: number }>;
	private readonly frameWaiters = new Set<() => void>();

	constructor(readonly socket: WebSocket, readonly openedAt: number, readonly path: string) {
		socket.on('message', (data: RawData, isBinary: boolean) => {
			this.frames.push({ data: Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer), isBinary });
			this.frameWaiters.forEach((wake) => wake());
		});
		this.ended = new Promise((resolve) => socket.once('close', (code: number) => {
			this.endedAt = now();
			resolve({ code, at: this.endedAt });
		}));
	}

	/** Resolves once `count` frames have arrived. */
	async framesArrived(count: number, ms = 10_000): Promise<Frame[]> {
		await timed(new Promise<void>((resolve) => {
			const check = () => {
				if (this.frames.length >= count) {
					this.frameWaiters.delete(check);
					resolve();
				}
			};
			this.frameWaiters.add(check);
			check();
		}), ms, `${count} frames`);
		return this.frames;
	}

	/** Closes from the server with `code`; resolves when the closing handshake is over. */
	async closeWith(code: number, reason = ''): Promise<number> {
		this.socket.close(code, reason);
		return (await timed(this.ended, 10_000, `the close with ${code}`)).at;
	}
}

/** A connection attempt: accepted (an open connection) or refused with HTTP 503 before the upgrade. */
export interface Attempt {
	readonly at: number;
	readonly connection?: ServerConnection;
	/** When a refused attempt was answered (the client sees the failure now). */
	readonly refusedAt?: number;
}

/**
 * A `ws` server on 127.0.0.1 (port 0) whose availability the test controls: while `accepting` is false, upgrade
 * requests get `503 Service Unavailable` (the client's attempt fails with 1006), so that a run of failed attempts
 * can be timed one by one. Every attempt is recorded with the time it arrived.
 */
export class TestServer {
	private static readonly all = new Set<TestServer>();
	accepting = true;
	readonly attempts: Attempt[] = [];
	/** Called with each accepted connection (a server that accepts and then fails closes it here). */
	onConnection: ((connection: ServerConnection) => void) | undefined;
	/** The most connections open at the same time, per path (`/rooms/a`): a target must never hold two sockets. */
	readonly peakOpen = new Map<string, number>();
	private readonly waiters = new Set<() => void>();
	private readonly wss = new WebSocketServer({ noServer: true });

	private constructor(private readonly http: Server) {
		TestServer.all.add(this);
		http.on('upgrade', (request, socket, head) => {
			const at = now();
			if (!this.accepting) {
				socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
				this.record({ at, refusedAt: now() });
				return;
			}
			this.wss.handleUpgrade(request, socket, head, (ws) => {
				const connection = new ServerConnection(ws, now(), request.url ?? '/');
				this.record({ at, connection });
				this.peakOpen.set(connection.path, Math.max(this.peakOpen.get(connection.path) ?? 0, this.openConnections(connection.path)));
				this.onConnection?.(connection);
			});
		});
	}

	static async start(): Promise<TestServer> {
		const http = createServer((_, response) => response.writeHead(404).end());
		await timed(new Promise<void>((resolve, reject) => http.once('error', reject).listen(0, '127.0.0.1', resolve)), 3000, 'the server to listen');
		return new TestServer(http);
	}

	get url(): string {
		return `ws://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
	}

	private record(attempt: Attempt): void {
		this.attempts.push(attempt);
		this.waiters.forEach((wake) => wake());
	}

	/** Connections open right now (not yet closed), on `path` or on every path. */
	openConnections(path?: string): number {
		return this.attempts.filter(({ connection }) => connection && connection.endedAt === undefined && connection.socket.readyState <= 1 &&
			(path === undefined || connection.path === path)).length;
	}

	/** Accepted connections so far, on `path` or on every path. */
	connections(path?: string): ServerConnection[] {
		return this.attempts.flatMap(({ connection }) => (connection && (path === undefined || connection.path === path) ? [connection] : []));
	}

	/** The attempt with this index (0-based), waiting up to `ms` for it. */
	async attempt(index: number, ms: number): Promise<Attempt> {
		await timed(new Promise<void>((resolve) => {
			const check = () => {
				if (this.attempts.length > index) {
					this.waiters.delete(check);
					resolve();
				}
			};
			this.waiters.add(check);
			check();
		}), ms, `connection attempt #${index + 1}`);
		return this.attempts[index] as Attempt;
	}

	/** The accepted connection of attempt `index`. */
	async connection(index: number, ms: number): Promise<ServerConnection> {
		const attempt = await this.attempt(index, ms);
		assert.ok(attempt.connection, `attempt #${index + 1} was refused`);
		return attempt.connection;
	}

	async close(): Promise<void> {
		TestServer.all.delete(this);
		this.wss.clients.forEach((client) => client.terminate());
		this.http.closeAllConnections();
		await new Promise<void>((resolve) => this.http.close(() => resolve()));
	}

	static async closeAll(): Promise<void> {
		await Promise.all([...TestServer.all].map((server) => server.close()));
	}
}
