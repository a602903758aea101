// Runs code in the real Deno, Bun and workerd binaries that the repository installs as dev dependencies. Every child works
// offline (no remote or npm modules, no update check, no auto-install), listens and connects on 127.0.0.1 only, gets
// a temporary folder of its own (DENO_DIR included) and is killed by the tests' `after` hooks if it is still running.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineChild } from '../snippets/harness';
import { repoRoot } from '../snippets/snippetSyntax';

export type Runtime = 'deno' | 'bun';

export const runtimes: readonly Runtime[] = ['deno', 'bun'];

/** The binaries of the `deno`, `bun` and `workerd` dev dependencies (real executables, not wrapper scripts). */
export function runtimeBinary(runtime: Runtime | 'workerd'): string {
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
