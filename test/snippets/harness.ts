// Runs expanded snippets for real: as ES modules in a child node process (files in a temporary folder under out/,
// so `ws` resolves from the repository's node_modules), or as a function in this process. Every wait is bounded.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import * as ts from 'typescript';
import WebSocket from 'ws';
import { servedSnippets, snippetBody, type ModuleSystem } from '../../server/src/service/snippets';
import { expandSnippet, findSnippet, repoRoot, tabStopWithDefault } from './snippetSyntax';

export type Language = 'javascript' | 'typescript';

/**
 * The snippet's JavaScript with its defaults, except the tab stops whose default text is a key of `byDefault`
 * (replaced by the value) and the final cursor `$0` (replaced by `cursor`). TypeScript bodies are transpiled.
 */
export function runnableSnippet(prefix: string, language: Language, byDefault: Record<string, string> = {}, cursor = '',
	moduleSystem: ModuleSystem = 'module'): string {
	// A CommonJS body is what the language server serves in a CommonJS JavaScript file.
	const served = servedSnippets.find((snippet) => snippet.prefix === prefix);
	const { body } = moduleSystem === 'commonjs' && served ? { body: snippetBody(served, 'commonjs') } : findSnippet(prefix, language);
	const overrides: Record<number, string> = { 0: cursor };
	for (const [defaultText, value] of Object.entries(byDefault)) {
		overrides[tabStopWithDefault(body, defaultText)] = value;
	}
	const source = expandSnippet(body, overrides);
	if (language === 'javascript') {
		return source;
	}
	const output = ts.transpileModule(source, {
		compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
		reportDiagnostics: true,
	});
	if (output.diagnostics && output.diagnostics.length > 0) {
		throw new Error(output.diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')).join('\n'));
	}
	return output.outputText;
}

/** Rejects when `promise` has not settled after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A temporary folder for the child processes' module files, removed by `dispose()`. */
export class Scratch {
	readonly directory = mkdtempSync(join(repoRoot, 'out', 'snippet-run-'));
	private count = 0;

	write(code: string, extension = 'mjs'): string {
		this.count++;
		const file = join(this.directory, `snippet-${this.count}.${extension}`);
		writeFileSync(file, code);
		return file;
	}

	dispose(): void {
		rmSync(this.directory, { recursive: true, force: true });
	}
}

export interface OutputLine {
	readonly text: string;
	readonly at: number;
}

/**
 * A child process whose stdout is read line by line, with the time each line arrived. Every instance is
 * remembered until it exits, so the tests' `after` hooks can kill whatever is still running.
 */
export class LineChild {
	private static readonly running = new Set<LineChild>();
	readonly process: ChildProcess;
	readonly lines: OutputLine[] = [];
	stderr = '';
	readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
	private readonly waiters = new Set<() => void>();

	constructor(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
		this.process = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		LineChild.running.add(this);
		let pending = '';
		this.process.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
			pending += chunk;
			const parts = pending.split('\n');
			pending = parts.pop() ?? '';
			for (const text of parts) {
				this.lines.push({ text, at: Date.now() });
			}
			this.waiters.forEach((wake) => wake());
		});
		this.process.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
			this.stderr += chunk;
		});
		this.exited = new Promise((resolve) => {
			this.process.once('error', (error) => {
				this.stderr += `spawn failed: ${error.message}\n`;
				LineChild.running.delete(this);
				resolve({ code: null, signal: null, at: Date.now() });
			});
			this.process.once('close', (code, signal) => { // after stdout and stderr have ended
				LineChild.running.delete(this);
				resolve({ code, signal, at: Date.now() });
			});
		});
	}

	/** The first line matching `pattern`, waiting for it up to `ms`. */
	waitForLine(pattern: RegExp, ms = 5000): Promise<OutputLine> {
		return new Promise<OutputLine>((resolve, reject) => {
			const finish = (problem?: string) => {
				clearTimeout(timer);
				this.waiters.delete(check);
				const line = this.lines.find((candidate) => pattern.test(candidate.text));
				if (line) {
					resolve(line);
				} else {
					reject(new Error(`${problem ?? ''} ${pattern}\n${this.transcript()}`));
				}
			};
			const check = () => {
				if (this.lines.some((line) => pattern.test(line.text))) {
					finish();
				}
			};
			const timer = setTimeout(() => finish(`Timed out after ${ms} ms waiting for`), ms);
			this.waiters.add(check);
			void this.exited.then(() => finish('The child exited without printing'));
			check();
		});
	}

	/** Lines matching `pattern`. */
	matching(pattern: RegExp): OutputLine[] {
		return this.lines.filter((line) => pattern.test(line.text));
	}

	output(): string {
		return this.lines.map((line) => line.text).join('\n');
	}

	/** stdout and stderr, for failure messages. */
	transcript(): string {
		return `stdout:\n${this.output()}\nstderr:\n${this.stderr}`;
	}

	/** SIGKILL, unless the child has already exited. */
	kill(): void {
		if (this.process.exitCode === null && this.process.signalCode === null) {
			this.process.kill('SIGKILL');
		}
	}

	/** Kills every child still running (for `after` hooks). */
	static killAll(): void {
		for (const child of LineChild.running) {
			child.kill();
		}
	}
}

/** A Node.js child running one script. */
export class NodeChild extends LineChild {
	constructor(file: string) {
		super(process.execPath, [file]);
	}
}

export interface ClientRecord {
	readonly socket: WebSocket;
	readonly closed: Promise<{ code: number; reason: string; at: number }>;
}

/** A `ws` client connected to 127.0.0.1:`port`, with a promise of how it gets closed. */
export async function connectClient(port: number): Promise<ClientRecord> {
	const socket = new WebSocket(`ws://127.0.0.1:${port}`);
	socket.on('error', () => undefined); // a refused or dropped connection is asserted through 'close'
	const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) => {
		socket.once('close', (code, reason) => resolve({ code, reason: reason.toString(), at: Date.now() }));
	});
	await withTimeout(new Promise((resolve, reject) => {
		socket.once('open', resolve);
		socket.once('error', reject);
	}), 3000, 'a client to connect');
	return { socket, closed };
}

/** How a connection attempt made after a shutdown began ends: `HTTP 503`, an error code such as ECONNREFUSED, or `open`. */
export function attemptDuringShutdown(port: number): Promise<string> {
	const socket = new WebSocket(`ws://127.0.0.1:${port}`);
	return withTimeout(new Promise<string>((resolve) => {
		socket.once('open', () => {
			socket.terminate();
			resolve('open');
		});
		socket.once('unexpected-response', (_request, response) => {
			socket.terminate();
			resolve(`HTTP ${response.statusCode}`);
		});
		socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
	}), 3000, 'a connection attempt during shutdown');
}

export interface CloseFrame {
	readonly code: number;
	readonly reason: string;
}

export interface Frame {
	readonly opcode: number;
	readonly payload: Buffer;
	readonly at: number;
}

/**
 * A WebSocket client on a raw TCP socket that completes the opening handshake and then never writes again. Unlike
 * a default Node socket it keeps its side open when the server half-closes (`allowHalfOpen`), so it never answers the
 * server's Close frame, not even with a FIN: what ends the connection is the server. Records every server frame.
 */
export class SilentClient {
	readonly socket: Socket;
	readonly frames: Frame[] = [];
	readonly opened: Promise<void>;
	/** When the server half-closed the connection (FIN), or dropped it. */
	readonly ended: Promise<number>;
	private readonly waiters = new Set<() => void>();

	constructor(port: number, path = '/') {
		this.socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
		this.socket.write([
			`GET ${path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Upgrade: websocket', 'Connection: Upgrade',
			`Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`, 'Sec-WebSocket-Version: 13', '', '',
		].join('\r\n'));
		let onOpen: () => void = () => undefined;
		let onFailure: (error: Error) => void = () => undefined;
		this.opened = new Promise((resolve, reject) => {
			onOpen = resolve;
			onFailure = reject;
		});
		let onEnded: (at: number) => void = () => undefined;
		this.ended = new Promise((resolve) => {
			onEnded = resolve;
		});
		this.socket.once('end', () => onEnded(Date.now()));
		this.socket.once('close', () => {
			onEnded(Date.now());
			onFailure(new Error('The connection closed before the upgrade'));
		});
		this.socket.on('error', (error) => onFailure(error));
		let buffer = Buffer.alloc(0);
		let upgraded = false;
		this.socket.on('data', (chunk: Buffer) => {
			buffer = Buffer.concat([buffer, chunk]);
			if (!upgraded) {
				const end = buffer.indexOf('\r\n\r\n');
				if (end < 0) {
					return;
				}
				const head = buffer.subarray(0, end).toString('latin1');
				if (!head.startsWith('HTTP/1.1 101 ')) {
					onFailure(new Error(`Upgrade refused: ${head.split('\r\n')[0]}`));
					return;
				}
				upgraded = true;
				buffer = buffer.subarray(end + 4);
				onOpen();
			}
			// Server frames are unmasked; lengths up to 65535 (a 16-bit extended length) are enough here.
			for (;;) {
				if (buffer.length < 2) {
					break;
				}
				const shortLength = (buffer[1] as number) & 0x7f;
				const headerLength = shortLength === 126 ? 4 : 2;
				if (shortLength === 127 || buffer.length < headerLength) {
					break;
				}
				const length = shortLength === 126 ? buffer.readUInt16BE(2) : shortLength;
				if (buffer.length < headerLength + length) {
					break;
				}
				this.frames.push({ opcode: (buffer[0] as number) & 0x0f, payload: buffer.subarray(headerLength, headerLength + length), at: Date.now() });
				buffer = buffer.subarray(headerLength + length);
			}
			this.waiters.forEach((wake) => wake());
		});
	}

	/** The Close frames received so far (code 1005 stands for an empty payload). */
	closeFrames(): (CloseFrame & { readonly at: number; readonly empty: boolean })[] {
		return this.frames.filter((frame) => frame.opcode === 0x8).map((frame) => ({
			code: frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005,
			reason: frame.payload.subarray(2).toString('utf8'),
			empty: frame.payload.length === 0,
			at: frame.at,
		}));
	}

	/** Waits up to `ms` for the first Close frame. */
	firstCloseFrame(ms: number): Promise<CloseFrame & { readonly at: number; readonly empty: boolean }> {
		return new Promise((resolve, reject) => {
			const check = () => {
				const [frame] = this.closeFrames();
				if (frame) {
					clearTimeout(timer);
					this.waiters.delete(check);
					resolve(frame);
				}
			};
			const timer = setTimeout(() => {
				this.waiters.delete(check);
				reject(new Error(`No Close frame within ${ms} ms (frames: ${this.frames.map((frame) => frame.opcode).join(', ')})`));
			}, ms);
			this.waiters.add(check);
			check();
		});
	}

	dispose(): void {
		this.socket.destroy();
	}
}
