// Runs code in the real Deno and Bun binaries that the repository installs as dev dependencies. Every child works
// offline (no remote or npm modules, no update check, no auto-install), listens and connects on 127.0.0.1 only, gets
// a temporary folder of its own (DENO_DIR included) and is killed by the tests' `after` hooks if it is still running.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineChild, type CloseFrame } from '../snippets/harness';
import { repoRoot } from '../snippets/snippetSyntax';

export type Runtime = 'deno' | 'bun';

export const runtimes: readonly Runtime[] = ['deno', 'bun'];

/** The binaries of the `deno` and `bun` dev dependencies (real executables, not wrapper scripts). */
export function runtimeBinary(runtime: Runtime): string {
	const binary = join(repoRoot, 'node_modules', '.bin', runtime);
	if (!existsSync(binary)) {
		throw new Error(`${binary} is missing: the ${runtime} dev dependency is not installed (npm ci installs it)`);
	}
	return binary;
}

/** The probe scripts in test/runtimes/probes (plain JavaScript: tsc neither checks nor copies them). */
export function probeSource(name: string): string {
	return readFileSync(join(repoRoot, 'test', 'runtimes', 'probes', name), 'utf8');
}

/** A temporary folder for the children's files and Deno's cache, removed by `dispose()`. */
export class RuntimeScratch {
	readonly directory = mkdtempSync(join(tmpdir(), 'wscc-runtimes-'));
	readonly denoDir = join(this.directory, 'deno-dir');
	private count = 0;

	constructor() {
		mkdirSync(this.denoDir);
	}

	/** Writes `code` to a new file with this extension (`ts`, `js`, `mjs`) and returns its path. */
	write(code: string, extension: string): string {
		this.count++;
		const file = join(this.directory, `file-${this.count}.${extension}`);
		writeFileSync(file, code);
		return file;
	}

	dispose(): void {
		rmSync(this.directory, { recursive: true, force: true });
	}
}

/** `deno run` / `bun run` of a file, offline, with network access to 127.0.0.1 only (Deno enforces it). */
export function runArguments(runtime: Runtime, file: string, args: readonly string[] = []): string[] {
	return runtime === 'deno'
		? ['run', '--no-remote', '--no-npm', '--no-config', '--no-lock', '--no-prompt', '--allow-net=127.0.0.1', '--allow-env', file, ...args]
		: ['run', '--no-install', file, ...args];
}

function childEnvironment(scratch: RuntimeScratch): NodeJS.ProcessEnv {
	return {
		...process.env,
		DENO_DIR: scratch.denoDir,
		DENO_NO_UPDATE_CHECK: '1',
		DENO_NO_PROMPT: '1',
		DENO_NO_PACKAGE_JSON: '1',
		NO_COLOR: '1',
		DO_NOT_TRACK: '1', // Bun: no crash reports or telemetry
		BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0',
	};
}

export interface Exit {
	readonly code: number | null;
	readonly signal: NodeJS.Signals | null;
	readonly at: number;
}

/** A `deno` or `bun` child process, offline, in its own scratch folder. */
export class RuntimeChild extends LineChild {
	constructor(runtime: Runtime, args: readonly string[], scratch: RuntimeScratch) {
		super(runtimeBinary(runtime), args, { cwd: scratch.directory, env: childEnvironment(scratch) });
	}
}

/** Runs `deno`/`bun` with these arguments to completion (killed after `ms`): how it exited and what it printed. */
export async function runToCompletion(runtime: Runtime, args: readonly string[], scratch: RuntimeScratch, ms: number)
	: Promise<{ exit: Exit; child: RuntimeChild }> {
	const child = new RuntimeChild(runtime, args, scratch);
	const timer = setTimeout(() => child.kill(), ms);
	try {
		const exit = await child.exited;
		if (exit.signal === 'SIGKILL') {
			throw new Error(`${runtime} ${args.join(' ')} did not finish within ${ms} ms\n${child.transcript()}`);
		}
		return { exit, child };
	} finally {
		clearTimeout(timer);
		child.kill();
	}
}

/** The JSON printed on the line `RESULT {…}` by a probe script. */
export function resultOf<T>(child: RuntimeChild): T {
	const line = child.matching(/^RESULT /)[0];
	if (!line) {
		throw new Error(`No RESULT line\n${child.transcript()}`);
	}
	return JSON.parse(line.text.slice('RESULT '.length)) as T;
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

/**
 * An HTTP request whose headers never end: a request still in flight when the server is asked to stop. Resolves
 * `ended` when the server closes the connection.
 */
export class StalledRequest {
	readonly socket: Socket;
	readonly connected: Promise<void>;
	readonly ended: Promise<number>;

	constructor(port: number) {
		this.socket = connect({ port, host: '127.0.0.1' });
		this.connected = new Promise((resolve, reject) => {
			this.socket.once('connect', () => resolve());
			this.socket.once('error', reject);
		});
		this.socket.on('error', () => undefined); // a reset at the server's exit is expected
		this.ended = new Promise((resolve) => this.socket.once('close', () => resolve(Date.now())));
		this.socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
	}

	dispose(): void {
		this.socket.destroy();
	}
}
