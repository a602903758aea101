// The browser (WHATWG) reconnecting client, run for real in a child node process against a real `ws` server.
// Node 20 has no global WebSocket, so the child gets ws's client (which has the same addEventListener/CloseEvent
// surface) as globalThis.WebSocket. Delays come from the snippet's placeholders, shortened.
import { strict as assert } from 'node:assert';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { WebSocketServer, type WebSocket } from 'ws';
import { NodeChild, Scratch, runnableSnippet, withTimeout, type Language } from './harness';

const BASE_MS = 100;
const CAP_MS = 800;
const scratch = new Scratch();
const servers = new Set<TestServer>();

after(async () => {
	NodeChild.killAll();
	await Promise.all([...servers].map((server) => server.close()));
	scratch.dispose();
});

interface Connection {
	readonly socket: WebSocket;
	readonly at: number;
}

class TestServer {
	readonly connections: Connection[] = [];
	private readonly waiting: ((connection: Connection) => void)[] = [];

	private constructor(readonly wss: WebSocketServer) {
		servers.add(this);
		wss.on('connection', (socket) => {
			const connection = { socket, at: Date.now() };
			this.connections.push(connection);
			this.waiting.shift()?.(connection);
		});
	}

	static async start(port = 0): Promise<TestServer> {
		const wss = new WebSocketServer({ host: '127.0.0.1', port });
		await withTimeout(new Promise((resolve, reject) => wss.once('listening', resolve).once('error', reject)), 3000, 'listening');
		return new TestServer(wss);
	}

	get port(): number {
		return (this.wss.address() as AddressInfo).port;
	}

	/** The next connection the client makes (or one already made and not yet taken). */
	nextConnection(taken: number, ms: number): Promise<Connection> {
		const existing = this.connections[taken];
		if (existing) {
			return Promise.resolve(existing);
		}
		return withTimeout(new Promise((resolve) => this.waiting.push(resolve)), ms, 'the client to connect');
	}

	/** Stops listening once every connection has ended. */
	close(): Promise<void> {
		servers.delete(this);
		this.wss.clients.forEach((socket) => socket.terminate());
		return new Promise((resolve) => this.wss.close(() => resolve()));
	}
}

/** Closes the connection from the server; resolves with the time the closing handshake finished. */
function closeFromServer(connection: Connection, code: number, reason: string): Promise<number> {
	const closed = new Promise<number>((resolve) => connection.socket.once('close', () => resolve(Date.now())));
	connection.socket.close(code, reason);
	return withTimeout(closed, 3000, `the close with ${code}`);
}

const STABLE_MS = 2000;

function startClient(language: Language, port: number, prelude = ''): NodeChild {
	const snippet = runnableSnippet('ws-reconnect', language, {
		'wss://example.com/socket': `ws://127.0.0.1:${port}`, 1000: String(BASE_MS), 30000: String(CAP_MS), 5000: String(STABLE_MS),
	});
	return new NodeChild(scratch.write(`import { WebSocket } from 'ws';\nglobalThis.WebSocket = WebSocket;\n${prelude}${snippet}`));
}

const giveUp = (code: number, attempts: number) => `WebSocket closed with code ${code} after ${attempts} attempts: not reconnecting\n`;

describe('ws-reconnect against a real ws server', () => {
	for (const language of ['javascript', 'typescript'] as const) {
		test(`${language}: reconnects after 1001 within the jitter bound, comes back after the server was down, stops after 1000 and says so`, async () => {
			let server = await TestServer.start();
			const port = server.port;
			const child = startClient(language, port);
			try {
				// 1001 while the server stays up: one retry, within the first window (plus time to connect).
				const first = await server.nextConnection(0, 10_000);
				const closedAt = await closeFromServer(first, 1001, 'Server restarting');
				const second = await server.nextConnection(1, 3000);
				assert.ok(second.at - closedAt <= BASE_MS + 1000, `reconnected ${second.at - closedAt} ms after the close`);

				// 1001 and the server goes away: refused attempts close with 1006 and are retried; the server comes back.
				await closeFromServer(second, 1001, 'Server shutting down');
				await server.close();
				await new Promise((resolve) => setTimeout(resolve, 1500));
				server = await TestServer.start(port);
				const third = await server.nextConnection(0, CAP_MS + 3000);

				// 1000: no reconnect; onGiveUp says why; with no timer left, the client process ends by itself.
				await closeFromServer(third, 1000, 'Done');
				const exit = await withTimeout(child.exited, 3000, 'the client process to end after 1000');
				assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 0, signal: null }, child.stderr);
				assert.equal(server.connections.length, 1, 'no connection after the 1000 close');
				assert.match(child.stderr, /^WebSocket closed with code 1000 after \d+ attempts: not reconnecting\n$/);
			} finally {
				child.process.kill('SIGKILL');
				await server.close();
			}
		});
	}

	test('javascript, Math.random fixed at 0.5: 1013 waits between half the cap and the cap; a 1008 is not retried', async () => {
		const server = await TestServer.start();
		const child = startClient('javascript', server.port, 'Math.random = () => 0.5;\n');
		try {
			const first = await server.nextConnection(0, 10_000);
			const closedAt = await closeFromServer(first, 1013, 'Try again later');
			const second = await server.nextConnection(1, 3000);
			// 0.5 → three quarters of the cap.
			assert.ok(second.at - closedAt >= CAP_MS * 0.75 - 50, `1013 waited ${second.at - closedAt} ms`);
			await closeFromServer(second, 1008, 'Policy');
			const exit = await withTimeout(child.exited, 3000, 'the client process to end after 1008');
			assert.equal(exit.code, 0, child.stderr);
			assert.equal(server.connections.length, 2);
			assert.equal(child.stderr, giveUp(1008, 1));
		} finally {
			child.process.kill('SIGKILL');
			await server.close();
		}
	});
});
