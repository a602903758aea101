import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
	createProtocolConnection, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter,
	type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type {
	CodeAction, Diagnostic, DocumentDiagnosticReport, Hover, InitializeParams, InitializeResult, Position, Range, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { WorkerTransport } from './workerTransport';

/** The bundled server, exactly as the extension and the `bin` entry run it. */
export const serverPath = join(__dirname, '..', '..', '..', 'server', 'dist', 'node', 'serverMain.js');

export interface ClientOptions {
	/** `worker`: the web-worker bundle in headless Chromium (./workerTransport.ts), as vscode.dev runs it. */
	readonly transport: 'stdio' | 'ipc' | 'worker';
	/** `InitializeParams.locale`, as VS Code sends its display language. */
	readonly locale?: string;
	/** Answered to the server's `workspace/configuration` requests; omit to act as a client that cannot be asked. */
	readonly configuration?: () => unknown;
	/** Declare LSP 3.17 pull diagnostics (as VS Code does); otherwise the server pushes them. */
	readonly pullDiagnostics?: boolean;
	/** Another build of the server to run (the fuzzer compares against an older one); default `serverPath`. */
	readonly serverPath?: string;
	/** Extra `node` options, e.g. `--require` a preload that watches what the server does. */
	readonly nodeArguments?: readonly string[];
	/** Sent as `initializationOptions` (VS Code's client sends `{ commandLinks: true, workspaceDiagnostics: false }`). */
	readonly initializationOptions?: unknown;
	/** Workspace folder URIs (the server indexes them for close codes across modules). */
	readonly workspaceFolders?: readonly string[];
}

/** A minimal real LSP client: the built server (a child process, or the web worker in Chromium), spoken to over JSON-RPC. */
export class TestClient {
	readonly configurationRequests: { scopeUri?: string; section?: string }[] = [];
	readonly stderr: string[] = [];
	/** `window/logMessage` notifications: what the server wrote to its output channel (type 1 error … 4 log). */
	readonly logMessages: { type: number; message: string }[] = [];
	/** The latest `textDocument/publishDiagnostics` per URI (push mode). */
	readonly published = new Map<string, Diagnostic[]>();
	/** The messages of `websocketCloseCodes/checkWorkspaceProgress` notifications. */
	readonly progress: string[] = [];
	/** How many `workspace/diagnostic/refresh` requests the server sent (pull mode). */
	refreshRequests = 0;
	readonly #waiters: (() => void)[] = [];

	private constructor(readonly process: ChildProcess | WorkerTransport, readonly connection: ProtocolConnection) {}

	static async start(options: ClientOptions): Promise<{ client: TestClient; result: InitializeResult }> {
		let client: TestClient;
		if (options.transport === 'worker') {
			const worker = await WorkerTransport.start();
			client = new TestClient(worker, createProtocolConnection(worker.reader, worker.writer));
		} else {
			const server = options.serverPath ?? serverPath;
			if (!existsSync(server)) {
				throw new Error(`${server} is missing: run \`npm run build\` first`);
			}
			const node = options.nodeArguments ?? [];
			const child = options.transport === 'stdio'
				? spawn(process.execPath, [...node, server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] })
				: spawn(process.execPath, [...node, server, '--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
			const connection = options.transport === 'stdio'
				? createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!))
				: createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
			client = new TestClient(child, connection);
			child.stderr!.on('data', (chunk: Buffer) => client.stderr.push(chunk.toString()));
		}
		const connection = client.connection;
		connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) => {
			client.configurationRequests.push(...params.items);
			// `configuration` may answer with a promise: a slow client, for the cancellation tests.
			return Promise.all(params.items.map(async () => (await options.configuration?.()) ?? null));
		});
		connection.onRequest('client/registerCapability', () => null);
		connection.onRequest('workspace/diagnostic/refresh', () => {
			client.refreshRequests++;
			client.#notify();
			return null;
		});
		connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
			client.published.set(params.uri, params.diagnostics);
			client.#notify();
		});
		connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
			client.logMessages.push(params);
		});
		connection.onNotification('websocketCloseCodes/checkWorkspaceProgress', (params: { message: string }) => {
			client.progress.push(params.message);
		});
		connection.listen();
		const params: InitializeParams = {
			processId: options.transport === 'worker' ? null : process.pid,
			rootUri: null,
			...(options.workspaceFolders ? { workspaceFolders: options.workspaceFolders.map((folder) => ({ uri: folder, name: folder })) } : {}),
			locale: options.locale,
			initializationOptions: options.initializationOptions,
			capabilities: {
				...(options.configuration ? { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, diagnostics: { refreshSupport: true } } } : {}),
				...(options.pullDiagnostics ? { textDocument: { diagnostic: { dynamicRegistration: false } } } : {}),
			},
		};
		const result = await connection.sendRequest<InitializeResult>('initialize', params);
		await connection.sendNotification('initialized', {});
		return { client, result };
	}

	async open(uri: string, text: string, languageId = 'typescript', version = 1): Promise<void> {
		await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
	}

	async change(uri: string, version: number, changes: unknown[]): Promise<void> {
		await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
	}

	async close(uri: string): Promise<void> {
		await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
	}

	hover(uri: string, position: Position): Promise<Hover | null> {
		return this.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
	}

	async pullDiagnostics(uri: string): Promise<Diagnostic[]> {
		const report = await this.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
		return report.kind === 'full' ? report.items : [];
	}

	codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[] | null> {
		return this.connection.sendRequest<CodeAction[] | null>('textDocument/codeAction', {
			textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) },
		});
	}

	/** Waits (up to 10 s) until `condition` holds, re-checking whenever the server sends something. */
	async until<T>(condition: () => T | undefined | false): Promise<T> {
		const deadline = Date.now() + 10_000;
		for (;;) {
			const value = condition();
			if (value) {
				return value;
			}
			if (Date.now() > deadline) {
				throw new Error('timed out waiting for the server');
			}
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, 200);
				this.#waiters.push(() => {
					clearTimeout(timer);
					resolve();
				});
			});
		}
	}

	#notify(): void {
		for (const waiter of this.#waiters.splice(0)) {
			waiter();
		}
	}

	async settingsChanged(settings: unknown): Promise<void> {
		await this.connection.sendNotification('workspace/didChangeConfiguration', { settings });
	}

	/** Shuts the server down the polite way and waits for the process to exit (the worker: ends it; 0 when it shut down). */
	async stop(): Promise<number | null> {
		if (this.process instanceof WorkerTransport) {
			const worker = this.process;
			try {
				await this.connection.sendRequest('shutdown');
			} finally {
				this.connection.dispose();
				await worker.stop();
			}
			return 0;
		}
		const child = this.process;
		const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
		try {
			await this.connection.sendRequest('shutdown');
			await this.connection.sendNotification('exit');
		} finally {
			setTimeout(() => child.kill('SIGKILL'), 5000).unref();
		}
		const code = await exited;
		this.connection.dispose();
		return code;
	}
}

/** The position of the first occurrence of `needle` (plus `delta` characters) in `text`. */
export function positionOf(text: string, needle: string, delta = 0): Position {
	const offset = text.indexOf(needle);
	if (offset < 0) {
		throw new Error(`${needle} not in fixture`);
	}
	const before = text.slice(0, offset + delta);
	const line = before.split('\n').length - 1;
	return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}

export function hoverText(hover: Hover | null): string {
	if (!hover) {
		return '';
	}
	const contents = hover.contents as { value: string };
	return contents.value;
}

/**
 * Applies a code action's `WorkspaceEdit` to the text of `uri` as an editor would: every edit's range refers to the
 * text before any of them. Throws when the edit touches another document or uses `documentChanges`.
 */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit | undefined): string {
	if (!edit?.changes || edit.documentChanges) {
		throw new Error('expected a WorkspaceEdit with `changes`');
	}
	const others = Object.keys(edit.changes).filter((key) => key !== uri);
	if (others.length > 0) {
		throw new Error(`the edit changes other documents: ${others.join(', ')}`);
	}
	return applyTextEdits(text, edit.changes[uri] ?? []);
}

/** Applies LSP text edits (non-overlapping, ranges in the original text; inserts at one position keep their order). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
	// Lines end at \r\n, \n or a lone \r, as LSP positions count them.
	const lineStarts = [0];
	for (let index = 0; index < text.length; index++) {
		if (text[index] === '\n' || (text[index] === '\r' && text[index + 1] !== '\n')) {
			lineStarts.push(index + 1);
		}
	}
	const offsetAt = (position: Position): number => {
		const lineStart = lineStarts[position.line];
		if (lineStart === undefined) {
			throw new Error(`line ${position.line} is past the end of the document`);
		}
		const lineEnd = lineStarts[position.line + 1] ?? text.length;
		return Math.min(lineStart + position.character, lineEnd);
	};
	const sorted = edits
		.map((edit, order) => ({ start: offsetAt(edit.range.start), end: offsetAt(edit.range.end), newText: edit.newText, order }))
		.sort((a, b) => a.start - b.start || a.order - b.order);
	let result = '';
	let position = 0;
	for (const edit of sorted) {
		if (edit.start < position) {
			throw new Error('overlapping edits');
		}
		result += text.slice(position, edit.start) + edit.newText;
		position = edit.end;
	}
	return result + text.slice(position);
}
