// The graceful-shutdown snippets for Node `ws`, run for real: the expanded snippet (JavaScript as written,
// TypeScript transpiled) is a child process on 127.0.0.1 with real clients connected, and gets real signals.
import { strict as assert } from 'node:assert';
import { get } from 'node:http';
import { after, describe, test } from 'node:test';
import type { ModuleSystem } from '../../server/src/service/snippets';
import { NodeChild, Scratch, SilentClient, attemptDuringShutdown, connectClient, runnableSnippet, sleep, withTimeout, type ClientRecord, type Language } from './harness';

const REASON = 'Server shutting down'; // the snippets' default reason
const scratch = new Scratch();

after(() => {
	NodeChild.killAll();
	scratch.dispose();
});

interface Variant {
	readonly prefix: string;
	/** The variable that emits 'listening' (the test prints the port it got from port 0). */
	readonly listener: string;
}

/** TypeScript, and JavaScript as an ES module and as CommonJS (the language server serves the form the file needs). */
interface Form {
	readonly language: Language;
	readonly moduleSystem: ModuleSystem;
}
const forms: readonly Form[] = [
	{ language: 'javascript', moduleSystem: 'module' }, { language: 'javascript', moduleSystem: 'commonjs' }, { language: 'typescript', moduleSystem: 'module' },
];

const variants: readonly Variant[] = [
	{ prefix: 'ws-shutdown', listener: 'wss' },
	{ prefix: 'ws-shutdown-http', listener: 'server' },
];

async function startServer(variant: Variant, form: Form, timeoutMs: number): Promise<{ child: NodeChild; port: number }> {
	const code = runnableSnippet(variant.prefix, form.language, { 8080: '0', 10000: String(timeoutMs) }, '', form.moduleSystem)
		+ `\n${variant.listener}.on('listening', () => console.log('LISTENING ' + ${variant.listener}.address().port));\n`;
	const child = new NodeChild(scratch.write(code, form.moduleSystem === 'commonjs' ? 'cjs' : 'mjs'));
	const line = await child.waitForLine(/^LISTENING \d+$/, 10_000);
	return { child, port: Number(line.text.split(' ')[1]) };
}

function httpGet(port: number): Promise<{ status: number; body: string }> {
	return withTimeout(new Promise((resolve, reject) => {
		get({ host: '127.0.0.1', port, path: '/', agent: false }, (response) => {
			let body = '';
			response.setEncoding('utf8').on('data', (chunk: string) => {
				body += chunk;
			}).on('end', () => resolve({ status: response.statusCode ?? 0, body }));
		}).on('error', reject);
	}), 3000, 'an HTTP response');
}

for (const variant of variants) {
	for (const form of forms) {
		describe(`${variant.prefix} (${form.language}${form.moduleSystem === 'commonjs' ? ', CommonJS' : ''}) in a child process`, () => {
			test('SIGTERM: clients get 1001 and the reason, an unresponsive client is terminated after the timeout, exit 0', async () => {
				const timeoutMs = 600;
				const { child, port } = await startServer(variant, form, timeoutMs);
				const clients: ClientRecord[] = [];
				try {
					if (variant.prefix === 'ws-shutdown-http') {
						assert.deepEqual(await httpGet(port), { status: 200, body: 'OK' }, 'the HTTP handler answers');
					}
					for (let i = 0; i < 3; i++) {
						clients.push(await connectClient(port));
					}
					const unresponsive = new SilentClient(port);
					await withTimeout(unresponsive.opened, 3000, 'the unresponsive client to connect');
					await sleep(50); // let the server register the last connection

					const signalledAt = Date.now();
					child.process.kill('SIGTERM');
					await child.waitForLine(/^SIGTERM received: closing 4 WebSocket client\(s\) with 1001$/, 2000);

					const closes: number[] = [];
					for (const client of clients) {
						const closed = await withTimeout(client.closed, 2000, 'a well-behaved client to be closed');
						assert.deepEqual({ code: closed.code, reason: closed.reason }, { code: 1001, reason: REASON });
						closes.push(closed.at);
					}
					assert.notEqual(await attemptDuringShutdown(port), 'open', 'no new connection is accepted during shutdown');

					// The unresponsive client got the same Close frame, never answered, and was dropped after the timeout.
					const frame = await unresponsive.firstCloseFrame(2000);
					assert.deepEqual({ code: frame.code, reason: frame.reason }, { code: 1001, reason: REASON });
					const droppedAt = await withTimeout(unresponsive.ended, timeoutMs + 3000, 'the unresponsive client to be dropped');
					assert.ok(droppedAt - signalledAt >= timeoutMs - 25, `dropped after the timeout (${droppedAt - signalledAt} ms)`);
					assert.ok(droppedAt - signalledAt < timeoutMs + 1500, `dropped soon after the timeout (${droppedAt - signalledAt} ms)`);
					assert.ok(closes.every((at) => at < droppedAt), 'well-behaved clients were closed without waiting for the timeout');

					const exit = await withTimeout(child.exited, timeoutMs + 3000, 'the server to exit');
					assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 0, signal: null }, child.stderr);
					assert.ok(exit.at - signalledAt < timeoutMs + 2000, `exited in time (${exit.at - signalledAt} ms)`);
					assert.equal(child.stderr, '');
					assert.equal(child.matching(/received: closing/).length, 1, 'the shutdown started once');
					assert.equal(child.matching(/received again/).length, 0);
					assert.deepEqual(child.matching(/^Terminating/).map((line) => line.text),
						[`Terminating 1 client(s) that did not close within ${timeoutMs} ms`]);
				} finally {
					clients.forEach((client) => client.socket.terminate());
					child.process.kill('SIGKILL');
				}
			});

			test('a second signal during the shutdown exits at once with 1 and says so, without waiting for a silent client', async () => {
				const timeoutMs = 8000;
				const { child, port } = await startServer(variant, form, timeoutMs);
				const silent = new SilentClient(port);
				try {
					await withTimeout(silent.opened, 3000, 'the silent client to connect');
					await sleep(50);
					child.process.kill('SIGINT');
					await child.waitForLine(/^SIGINT received: closing 1 WebSocket client\(s\) with 1001$/, 2000);
					const secondAt = Date.now();
					child.process.kill('SIGINT');
					await child.waitForLine(/^SIGINT received again: exiting now, without waiting for the clients$/, 2000);
					const exit = await withTimeout(child.exited, 2000, 'the server to exit on the second signal');
					assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 1, signal: null }, child.stderr);
					assert.ok(exit.at - secondAt < 1500, `exited at once (${exit.at - secondAt} ms), not after the ${timeoutMs} ms timeout`);
				} finally {
					silent.dispose();
					child.process.kill('SIGKILL');
				}
			});

			test('SIGINT with only well-behaved clients: exits 0 as soon as they have closed, long before the timeout', async () => {
				const timeoutMs = 8000;
				const { child, port } = await startServer(variant, form, timeoutMs);
				const clients: ClientRecord[] = [];
				try {
					clients.push(await connectClient(port), await connectClient(port));
					await sleep(50);
					const signalledAt = Date.now();
					child.process.kill('SIGINT');
					for (const client of clients) {
						const closed = await withTimeout(client.closed, 2000, 'a client to be closed');
						assert.deepEqual({ code: closed.code, reason: closed.reason }, { code: 1001, reason: REASON });
					}
					const exit = await withTimeout(child.exited, 3000, 'the server to exit');
					assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 0, signal: null }, child.stderr);
					assert.ok(exit.at - signalledAt < 1500, `exited without waiting for the timeout (${exit.at - signalledAt} ms)`);
					assert.ok(child.matching(/^SIGINT received: closing 2 WebSocket client\(s\) with 1001$/).length === 1, child.output());
					assert.equal(child.matching(/^Terminating/).length, 0);
				} finally {
					clients.forEach((client) => client.socket.terminate());
					child.process.kill('SIGKILL');
				}
			});
		});
	}
}
