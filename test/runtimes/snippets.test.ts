// The Deno and Bun graceful-shutdown snippets, run for real: the expanded snippet (TypeScript as written, run by the
// runtime's own TypeScript support, and its JavaScript twin) is a `deno run` / `bun run` child process on 127.0.0.1
// with real `ws` clients connected, and gets real signals.
//
// What the runtimes do (Deno 2.9.6, Bun 1.4.5), and so what is asserted:
// - Deno: `socket.close(1001, reason)` on an upgraded socket sends the Close frame and waits for the peer's; a peer that
//   never answers keeps it open. Deno has no terminate(): when the deadline passes, `server.shutdown()` (or the exit)
//   drops the connection, so such a client gets the 1001 frame, then nothing until a FIN at the deadline.
//   `server.shutdown()` itself ends upgraded sockets at once with its own Close frame (1001 "Server shutting down"),
//   which is why the snippet calls it last; new requests during the wait get 503.
// - Bun: `ws.close(1001, reason)` sends the Close frame, half-closes the connection and runs the close handler before
//   returning, without waiting for the peer: a client that never answers gets the frame and a FIN at once, and the
//   snippet's terminate() branch is not reached. `server.stop()` stops listening at once (refused connections) and
//   resolves when the HTTP connections are done: a request still in flight holds the shutdown until the timeout.
import { strict as assert } from 'node:assert';
import { after, describe, test } from 'node:test';
import { SilentClient, attemptDuringShutdown, connectClient, runnableSnippet, sleep, withTimeout, type ClientRecord, type Language } from '../snippets/harness';
import { expandSnippet, findSnippet, tabStopWithDefault } from '../snippets/snippetSyntax';
import { RuntimeChild, RuntimeScratch, StalledRequest, runArguments, runToCompletion, runtimes, type Runtime } from './runtimeHarness';

/** Not the snippets' default ("Server shutting down", which Deno's server.shutdown() also sends), and multi-byte. */
const REASON = 'デプロイのため再起動します (deploy)';
const scratch = new RuntimeScratch();

after(() => {
	RuntimeChild.killAll();
	scratch.dispose();
});

/**
 * The snippet as inserted with its defaults, except the tab stops whose default text is a key of `byDefault`; the
 * final cursor is left empty. TypeScript stays TypeScript (the runtimes run it themselves).
 */
function expandedSnippet(prefix: string, language: Language, byDefault: Record<string, string>): string {
	if (language === 'javascript') {
		return runnableSnippet(prefix, language, byDefault);
	}
	const { body } = findSnippet(prefix, language);
	const overrides: Record<number, string> = { 0: '' };
	for (const [defaultText, value] of Object.entries(byDefault)) {
		overrides[tabStopWithDefault(body, defaultText)] = value;
	}
	return expandSnippet(body, overrides);
}

/** Port 0 (the system picks a free one) on 127.0.0.1 only: the port placeholder is followed by `}` or `,`. */
const LOOPBACK_PORT = "0, hostname: '127.0.0.1'";

async function startServer(runtime: Runtime, language: Language, timeoutMs: number): Promise<{ child: RuntimeChild; port: number }> {
	const printPort = runtime === 'deno' ? 'server.addr.port' : 'server.port';
	const code = expandedSnippet(`ws-shutdown-${runtime}`, language, { 8080: LOOPBACK_PORT, 10000: String(timeoutMs), 'Server shutting down': REASON })
		+ `\nconsole.log('LISTENING ' + ${printPort});\n`;
	const file = scratch.write(code, language === 'typescript' ? 'ts' : 'js');
	const child = new RuntimeChild(runtime, runArguments(runtime, file), scratch);
	const line = await child.waitForLine(/^LISTENING \d+$/, 15_000);
	return { child, port: Number(line.text.split(' ')[1]) };
}

/** stderr without Deno.serve's default "Listening on …" line. */
function unexpectedStderr(child: RuntimeChild): string {
	return child.stderr.split('\n').filter((line) => line !== '' && !/^Listening on http:\/\/127\.0\.0\.1:\d+\/$/.test(line)).join('\n');
}

for (const runtime of runtimes) {
	for (const language of ['typescript', 'javascript'] as const) {
		describe(`ws-shutdown-${runtime} (${language}) in ${runtime}`, () => {
			test('SIGTERM: 1001 and the reason to every client, a silent client dropped, exit 0 in time', async () => {
				const timeoutMs = 1500;
				const { child, port } = await startServer(runtime, language, timeoutMs);
				const clients: ClientRecord[] = [];
				const silent = new SilentClient(port);
				// Bun does not wait for WebSockets (see above): a request in flight is what keeps its shutdown going.
				const stalled = runtime === 'bun' ? new StalledRequest(port) : undefined;
				try {
					for (let i = 0; i < 3; i++) {
						clients.push(await connectClient(port));
					}
					await withTimeout(silent.opened, 3000, 'the silent client to connect');
					await stalled?.connected;
					await sleep(50); // let the server register the last connection

					const signalledAt = Date.now();
					child.process.kill('SIGTERM');
					await child.waitForLine(/^SIGTERM received: closing 4 WebSocket\(s\) with 1001$/, 3000);

					const closes: number[] = [];
					for (const client of clients) {
						const closed = await withTimeout(client.closed, 3000, 'a well-behaved client to be closed');
						assert.deepEqual({ code: closed.code, reason: closed.reason }, { code: 1001, reason: REASON });
						closes.push(closed.at);
					}
					assert.ok(closes.every((at) => at - signalledAt < timeoutMs), 'well-behaved clients are closed without waiting for the timeout');
					// Deno keeps listening until server.shutdown() and answers 503; Bun's server.stop() stops listening at once.
					assert.equal(await attemptDuringShutdown(port), runtime === 'deno' ? 'HTTP 503' : 'ECONNREFUSED');

					const frame = await silent.firstCloseFrame(3000);
					assert.deepEqual({ code: frame.code, reason: frame.reason }, { code: 1001, reason: REASON });
					const droppedAt = await withTimeout(silent.ended, timeoutMs + 3000, 'the silent client to be dropped');
					const exit = await withTimeout(child.exited, timeoutMs + 3000, 'the server to exit');
					assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 0, signal: null }, child.transcript());
					assert.ok(exit.at - signalledAt >= timeoutMs, `waited for the timeout (${exit.at - signalledAt} ms)`);
					assert.ok(exit.at - signalledAt < timeoutMs + 2000, `exited in time (${exit.at - signalledAt} ms)`);
					assert.deepEqual(silent.frames.map((received) => received.opcode), [0x8], 'one Close frame and nothing else');

					if (runtime === 'deno') {
						// No FIN before the deadline: Deno waited for the closing handshake, then dropped the connection.
						assert.ok(droppedAt - signalledAt >= timeoutMs, `dropped at the deadline, not before (${droppedAt - signalledAt} ms)`);
						assert.deepEqual(child.matching(/^Dropping/).map((line) => line.text),
							[`Dropping 1 WebSocket(s) that did not close within ${timeoutMs} ms`]);
					} else {
						// Bun's close() ended the connection itself right after the Close frame; nothing was left to terminate().
						assert.ok(droppedAt - signalledAt < timeoutMs / 2, `Bun half-closed at once (${droppedAt - signalledAt} ms)`);
						assert.equal(child.matching(/^Terminating/).length, 0, child.transcript());
						const stalledEndedAt = await withTimeout(stalled?.ended ?? Promise.resolve(0), 3000, 'the stalled request to end');
						assert.ok(stalledEndedAt - signalledAt >= timeoutMs, `the request in flight held the shutdown (${stalledEndedAt - signalledAt} ms)`);
					}
					assert.equal(unexpectedStderr(child), '');
					assert.equal(child.matching(/received: closing/).length, 1, 'the shutdown started once');
					assert.equal(child.matching(/received again/).length, 0);
				} finally {
					clients.forEach((client) => client.socket.terminate());
					silent.dispose();
					stalled?.dispose();
					child.kill();
				}
			});

			test('a second signal during the shutdown exits at once with 1 and says so, without waiting for what holds the shutdown', async () => {
				const timeoutMs = 8000;
				const { child, port } = await startServer(runtime, language, timeoutMs);
				const silent = new SilentClient(port);
				// Bun's close() half-closes at once, so a silent client does not hold its shutdown: a request in flight does.
				const stalled = runtime === 'bun' ? new StalledRequest(port) : undefined;
				try {
					await withTimeout(silent.opened, 3000, 'the silent client to connect');
					await stalled?.connected;
					await sleep(50);
					child.process.kill('SIGINT');
					await child.waitForLine(/^SIGINT received: closing 1 WebSocket\(s\) with 1001$/, 3000);
					const secondAt = Date.now();
					child.process.kill('SIGINT');
					await child.waitForLine(/^SIGINT received again: exiting now, without waiting for the clients$/, 3000);
					const exit = await withTimeout(child.exited, 3000, 'the server to exit on the second signal');
					assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 1, signal: null }, child.transcript());
					assert.ok(exit.at - secondAt < 2000, `exited at once (${exit.at - secondAt} ms), not after the ${timeoutMs} ms timeout`);
				} finally {
					silent.dispose();
					stalled?.dispose();
					child.kill();
				}
			});

			test('SIGINT with only well-behaved clients: exit 0 as soon as they have closed, long before the timeout', async () => {
				const timeoutMs = 8000;
				const { child, port } = await startServer(runtime, language, timeoutMs);
				const clients: ClientRecord[] = [];
				try {
					clients.push(await connectClient(port), await connectClient(port));
					await sleep(50);
					const signalledAt = Date.now();
					child.process.kill('SIGINT');
					for (const client of clients) {
						const closed = await withTimeout(client.closed, 3000, 'a client to be closed');
						assert.deepEqual({ code: closed.code, reason: closed.reason }, { code: 1001, reason: REASON });
					}
					const exit = await withTimeout(child.exited, 4000, 'the server to exit');
					assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 0, signal: null }, child.transcript());
					assert.ok(exit.at - signalledAt < 2000, `exited without waiting for the timeout (${exit.at - signalledAt} ms)`);
					assert.equal(child.matching(/^SIGINT received: closing 2 WebSocket\(s\) with 1001$/).length, 1, child.transcript());
					assert.equal(child.matching(/^(Dropping|Terminating)/).length, 0, child.transcript());
					assert.equal(unexpectedStderr(child), '');
				} finally {
					clients.forEach((client) => client.socket.terminate());
					child.kill();
				}
			});
		});
	}
}

describe('ws-shutdown-deno (typescript) under Deno\'s own type checker', () => {
	test('deno check accepts the snippet as inserted', async () => {
		const file = scratch.write(expandedSnippet('ws-shutdown-deno', 'typescript', {}), 'ts');
		const { exit, child } = await runToCompletion('deno', ['check', '--no-remote', '--no-npm', '--no-config', '--no-lock', file], scratch, 30_000);
		assert.equal(exit.code, 0, child.transcript());
	});
});
