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

function startClient(language: Language, port: number, prelude = ''): NodeChild {
	const snippet = runnableSnippet('ws-reconnect', language, {
		'wss://example.com/socket': `ws://127.0.0.1:${port}`, 1000: String(BASE_MS), 30000: String(CAP_MS),
	});
	return new NodeChild(scratch.write(`import { WebSocket } from 'ws';\nglobalThis.WebSocket = WebSocket;\n${prelude}${snippet}`));
}

interface Retry {
	readonly code: number;
	readonly attempt: number;
	readonly delay: number;
}

function retries(child: NodeChild): Retry[] {
	return child.matching(/reconnect attempt/).map((line) => {
		const match = /^WebSocket closed with (\d+); reconnect attempt (\d+) in (\d+) ms$/.exec(line.text);
		assert.ok(match, line.text);
		return { code: Number(match[1]), attempt: Number(match[2]), delay: Number(match[3]) };
	});
}

/** Full jitter: the nth consecutive attempt waits between 0 and min(cap, base × 2^(n−1)); 1013 up to the cap. */
function ceiling(retry: Retry): number {
	return retry.code === 1013 ? CAP_MS : Math.min(CAP_MS, BASE_MS * 2 ** (retry.attempt - 1));
}

describe('ws-reconnect against a real ws server', () => {
	for (const language of ['javascript', 'typescript'] as const) {
		test(`${language}: reconnects after 1001 within the jitter bound, backs off while the server is down, stops after 1000`, async () => {
			let server = await TestServer.start();
			const port = server.port;
			const child = startClient(language, port);
			try {
				// 1001 while the server stays up: one retry, after the delay the client logged.
				const first = await server.nextConnection(0, 10_000);
				const closedAt = await closeFromServer(first, 1001, 'Server restarting');
				const second = await server.nextConnection(1, 3000);
				const [retry] = retries(child);
				assert.ok(retry, child.output());
				assert.deepEqual({ code: retry.code, attempt: retry.attempt }, { code: 1001, attempt: 1 });
				assert.ok(retry.delay >= 0 && retry.delay <= BASE_MS, `delay ${retry.delay} within [0, ${BASE_MS}]`);
				const gap = second.at - closedAt;
				assert.ok(gap >= retry.delay - 50 && gap <= retry.delay + 1000, `reconnected ${gap} ms after the close; the client waited ${retry.delay} ms`);

				// 1001 and the server goes away: refused connections close with 1006, and the backoff grows.
				await closeFromServer(second, 1001, 'Server shutting down');
				await server.close();
				await child.waitForLine(/^WebSocket closed with 1006; reconnect attempt 3 in \d+ ms$/, 5000);
				server = await TestServer.start(port);
				const third = await server.nextConnection(0, 5000);

				// 1000: no reconnect; with no timer left, the client process ends by itself.
				await closeFromServer(third, 1000, 'Done');
				await child.waitForLine(/^WebSocket closed with 1000; not reconnecting$/, 3000);
				const exit = await withTimeout(child.exited, 3000, 'the client process to end after 1000');
				assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 0, signal: null }, child.stderr);
				assert.equal(server.connections.length, 1, 'no connection after the 1000 close');

				const all = retries(child);
				assert.deepEqual(all.slice(0, 2).map((entry) => [entry.code, entry.attempt]), [[1001, 1], [1001, 1]], 'the attempt count resets on open');
				const downtime = all.slice(2);
				assert.ok(downtime.length >= 2, child.output());
				downtime.forEach((entry, i) => assert.deepEqual([entry.code, entry.attempt], [1006, i + 2]));
				for (const entry of all) {
					assert.ok(entry.delay >= 0 && entry.delay <= ceiling(entry), `attempt ${entry.attempt} after ${entry.code}: ${entry.delay} ms ≤ ${ceiling(entry)}`);
				}
				assert.equal(child.stderr, '');
			} finally {
				child.process.kill('SIGKILL');
				await server.close();
			}
		});
	}

	test('javascript, Math.random fixed at 0.5: delays are half of min(cap, base × 2^(n−1)); 1013 waits up to the cap', async () => {
		let server = await TestServer.start();
		const port = server.port;
		const child = startClient('javascript', port, 'Math.random = () => 0.5;\n');
		try {
			const first = await server.nextConnection(0, 10_000);
			await closeFromServer(first, 1001, 'Server shutting down');
			await server.close();
			await child.waitForLine(/^WebSocket closed with 1006; reconnect attempt 5 in \d+ ms$/, 5000);
			server = await TestServer.start(port);
			const second = await server.nextConnection(0, 5000);
			const closedAt = await closeFromServer(second, 1013, 'Try again later');
			const third = await server.nextConnection(1, 3000);
			assert.ok(third.at - closedAt >= CAP_MS / 2 - 50, `1013 waited ${third.at - closedAt} ms`);
			await closeFromServer(third, 1000, 'Done');
			const exit = await withTimeout(child.exited, 3000, 'the client process to end after 1000');
			assert.equal(exit.code, 0, child.stderr);

			const all = retries(child).map((entry) => [entry.code, entry.attempt, entry.delay]);
			const beforeRestart = all.slice(0, 5);
			assert.deepEqual(beforeRestart, [[1001, 1, 50], [1006, 2, 100], [1006, 3, 200], [1006, 4, 400], [1006, 5, 400]]);
			assert.deepEqual(all.at(-1), [1013, 1, 400]);
			assert.ok(child.matching(/^WebSocket closed with 1000; not reconnecting$/).length === 1, child.output());
		} finally {
			child.process.kill('SIGKILL');
			await server.close();
		}
	});
});
