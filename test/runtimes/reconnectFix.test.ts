// The code the reconnect quick fix writes, run in real Deno 2.9 (a browser-style WHATWG WebSocket client) against a
// real `ws` server: server restarts bring back exactly one socket each time, and a deliberate disconnect() ends it.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { FixServer, reconnectTitle, TestServer, type AppliedFix } from '../quickFixes/harness';
import { runArguments, RuntimeChild, RuntimeScratch } from './runtimeHarness';

const scratch = new RuntimeScratch();
let server: FixServer;
let fix: AppliedFix;

before(async () => {
	server = await FixServer.start();
	fix = await server.apply('browserFunction.ts', '1001', reconnectTitle, 2);
});

after(async () => {
	await server?.stop();
	await TestServer.closeAll();
	scratch.dispose();
});

test('Deno: the fixed browser client comes back after 4 restarts with one socket at a time; disconnect() ends it', async () => {
	const wire = await TestServer.start();
	const client = scratch.write(fix.result.split('ws://localhost:8080').join(wire.url), 'ts');
	// The driver signs out when the server tells it to (a text frame "sign out"): then nothing may reconnect.
	const driver = scratch.write([
		`import { connect, disconnect, received } from './${client.split('/').pop()}';`,
		'connect();',
		'const poll = setInterval(() => {',
		'\tif (received.includes(\'sign out\')) {',
		'\t\tclearInterval(poll);',
		'\t\tdisconnect();',
		'\t}',
		'}, 10);',
		'',
	].join('\n'), 'ts');
	const child = new RuntimeChild('deno', runArguments('deno', driver), scratch);
	try {
		await wire.connection(0, 30_000);
		for (let restart = 1; restart <= 4; restart++) {
			await wire.connections().at(-1)?.closeWith(1001, 'restarting');
			await wire.connection(restart, 10_000);
		}
		const last = wire.connections().at(-1);
		last?.socket.send('sign out');
		assert.equal((await last?.ended)?.code, 1000, 'disconnect() closes with 1000');
		const exit = await child.exited;
		assert.equal(exit.code, 0, child.transcript());
		assert.equal(wire.connections().length, 5, 'one connection per restart, plus the first');
		assert.equal(wire.peakOpen.get('/chat'), 1, 'never two sockets at once');
	} finally {
		child.kill();
		await wire.close();
	}
});
