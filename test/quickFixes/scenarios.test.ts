// The reconnect fix in the situations real clients meet, run against a real `ws` server (ws as the WHATWG client in a
// node child process): server restarts, several targets from one function, a server that accepts and then fails,
// the application connecting again while a retry is pending, unmounting a hook, giving up after the limit. Each
// scenario counts connections and the sockets open at once; the figures are printed at the end.
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import type { Hover } from 'vscode-languageserver-protocol';
import { hoverText, positionOf } from '../lsp/lspClient';
import {
	BASE_MS, CAP_MS, FixServer, LATENESS_MS, QUIET_MS, readFixture, reconnectTitle, RunningModule, sleep, STABLE_MS, syntaxErrors, TestServer,
	typeCheck, type AppliedFix,
} from './harness';

let server: FixServer;
let limited: FixServer;
const fixed = new Map<string, AppliedFix>();
const figures: Record<string, unknown> = {};

const scenarios = [
	{ fixture: 'browserFunction.ts', needle: '1001', delta: 2 },
	{ fixture: 'rooms.ts', needle: '1001', delta: 1 },
	{ fixture: 'hookClient.ts', needle: '1012', delta: 1 },
	{ fixture: 'nullableClient.ts', needle: '1001', delta: 1 },
	{ fixture: 'vueClient.ts', needle: '1001', delta: 1 },
];

before(async () => {
	server = await FixServer.start();
	for (const { fixture, needle, delta } of scenarios) {
		fixed.set(fixture, await server.apply(fixture, needle, reconnectTitle, delta));
	}
	// The attempt limit is a setting: 3 attempts in a row, then onGiveUp.
	limited = await FixServer.start(() => ({ reconnect: { initialDelayMs: BASE_MS, maxDelayMs: CAP_MS, maxAttempts: 3, stableAfterMs: STABLE_MS } }));
	fixed.set('limited', await limited.apply('browserFunction.ts', '1001', reconnectTitle, 2));
});

after(async () => {
	console.log(`# reconnect scenarios (base ${BASE_MS} ms, cap ${CAP_MS} ms, stable after ${STABLE_MS} ms): ${JSON.stringify(figures)}`);
	await RunningModule.stopAll();
	await TestServer.closeAll();
	await server?.stop();
	await limited?.stop();
});

const resultOf = (key: string): string => {
	const fix = fixed.get(key);
	assert.ok(fix, `no fix applied for ${key}`);
	return fix.result;
};

async function waitFor(what: string, condition: () => boolean, ms = 10_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!condition()) {
		assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
		await sleep(10);
	}
}

/** Runs the fixed `key` against a fresh server; the module and the server are stopped afterwards. */
async function run(key: string, fixture: string, scenario: (wire: TestServer, module: RunningModule) => Promise<void>): Promise<void> {
	const wire = await TestServer.start();
	const source = resultOf(key).split('ws://localhost:8080').join(wire.url);
	const module = await RunningModule.start(fixture, source, 'whatwg');
	try {
		await scenario(wire, module);
		assert.deepEqual(module.uncaught, [], 'no uncaught errors in the client');
	} finally {
		await module.stop();
		await wire.close();
	}
}

describe('reconnect scenarios: the generated code', () => {
	test('lands in each shape: parses and type-checks under strict', () => {
		for (const { fixture } of scenarios) {
			assert.deepEqual(syntaxErrors(fixture, resultOf(fixture)), [], fixture);
		}
		assert.deepEqual(typeCheck(scenarios.map(({ fixture }) => ({ fileName: fixture, text: resultOf(fixture) })), 'browser'), []);
		// One target per room, and leaving a room stops only that room.
		assert.match(resultOf('rooms.ts'), /reconnector\.track\(socket, \(\) => joinRoom\(room\), room\);/);
		assert.match(resultOf('rooms.ts'), /export function leaveRoom\(room: string\): void \{\n\treconnector\.stop\(room\);/);
		// A hook: the reconnector lives in the effect (one per mount) and the cleanup stops it.
		assert.match(resultOf('hookClient.ts'), /useEffect\(\(\) => \{\n\t\tlet ws: WebSocket;\n\t\tfunction connect\(\): void \{\n\t\t\tws = new WebSocket\(props\.url\);\n\t\t\treconnector\.track\(ws, connect\);/);
		assert.match(resultOf('hookClient.ts'), /return \(\) => \{\n\t\t\treconnector\.stop\(\);\n\t\t\tws\.close\(1000, 'unmounted'\);\n\t\t\};/);
		// Vue: the unmount hook is a sibling of the mount hook, so the reconnector lives in setup(), once per instance.
		assert.match(resultOf('vueClient.ts'), /let socket: WebSocket \| undefined;\n\tconst reconnector = createReconnector\(\{\n[\s\S]*?\n\t\}\);\n\n\tonMounted\(\(\) => \{\n\t\tfunction connect\(\): void \{\n\t\t\tsocket = new WebSocket\(url\);\n\t\t\treconnector\.track\(socket, connect\);/);
		assert.match(resultOf('vueClient.ts'), /onBeforeUnmount\(\(\) => \{\n\t\treconnector\.stop\(\);\n\t\tsocket\?\.close\(1000, 'unmounted'\);\n\t\}\);/);
		// A nullable variable assigned in connect(url).
		assert.match(resultOf('nullableClient.ts'), /socket = new WebSocket\(url\);\n\treconnector\.track\(socket, \(\) => connect\(url\), url\);/);
	});

	test('not offered beside a reconnect the handler already makes through a helper; the hover says why', async () => {
		const demo = readFixture('../demo/browserClient.ts');
		assert.ok(!(await server.titlesAt('../demo/browserClient.ts', demo, 'case 1012', 6)).includes(reconnectTitle));
		const uri = await server.open('../demo/browserClient.ts', demo);
		const hover = await server.client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(demo, 'case 1012', 6) });
		assert.match(hoverText(hover), /Reconnect\?\*\* — Yes, with exponential backoff[^\n]* This handler already reconnects through `scheduleReconnect\(\)` \(so no reconnect quick fix\)/);
		await server.client.close(uri);
		const retryLater = [
			'let ws: WebSocket | undefined;',
			'export function connect(): void {',
			'\tws = new WebSocket(\'ws://localhost:8080/x\');',
			'\tws.onclose = (event) => {',
			'\t\tif (event.code === 1001) {',
			'\t\t\tretryLater();',
			'\t\t}',
			'\t};',
			'}',
			'function retryLater(): void {',
			'\tsetTimeout(() => connect(), 2000);',
			'}',
			'',
		].join('\n');
		assert.ok(!(await server.titlesAt('retryLater.ts', retryLater, '1001', 1)).includes(reconnectTitle));
	});
});

describe('reconnect scenarios: at run time against a real ws server', { concurrency: true }, () => {
	test('server restarts: exactly one socket at a time, and it comes back after each restart', async () => {
		await run('browserFunction.ts', 'browserFunction.ts', async (wire, module) => {
			await module.call('connect');
			await wire.connection(0, 20_000);
			for (let restart = 1; restart <= 4; restart++) {
				await wire.connections().at(-1)?.closeWith(1001, 'restarting');
				await wire.connection(restart, CAP_MS + LATENESS_MS + 5000);
			}
			await sleep(QUIET_MS);
			figures.restarts = { restarts: 4, connections: wire.connections().length, peakOpen: wire.peakOpen.get('/chat') };
			assert.equal(wire.connections().length, 5, 'one connection per restart, plus the first');
			assert.equal(wire.peakOpen.get('/chat'), 1, 'never two sockets at once');
			assert.equal(wire.openConnections(), 1);
		});
	});

	test('two targets from one function: each comes back; connecting again replaces; leaving one keeps the other', async () => {
		await run('rooms.ts', 'rooms.ts', async (wire, module) => {
			await module.call('joinRoom', ['a']);
			await module.call('joinRoom', ['b']);
			await waitFor('both rooms', () => wire.openConnections() === 2);
			// Both drop at once: both come back (a shared timer used to lose room a).
			const first = wire.connections();
			await Promise.all(first.map((connection) => connection.closeWith(1001, 'restarting')));
			await waitFor('both rooms back', () => wire.connections('/rooms/a').length === 2 && wire.connections('/rooms/b').length === 2, 10_000);
			await waitFor('both open', () => wire.openConnections() === 2);
			// Joining room a again while it is connected (a "Retry" button): the old socket closes, one socket remains.
			await module.call('joinRoom', ['a']);
			await waitFor('the replacement', () => wire.connections('/rooms/a').length === 3);
			await waitFor('the old room-a socket to close', () => wire.openConnections('/rooms/a') === 1);
			// A retry pending (1013 waits at least half the cap) when the application joins again: one new socket only.
			await wire.connections('/rooms/a').at(-1)?.closeWith(1013, 'busy');
			await module.call('joinRoom', ['a']);
			await waitFor('the re-join', () => wire.connections('/rooms/a').length === 4);
			await sleep(CAP_MS + LATENESS_MS);
			assert.equal(wire.connections('/rooms/a').length, 4, 'the pending retry was cancelled by the re-join');
			// Leaving room a stops room a only.
			await module.call('leaveRoom', ['a']);
			await waitFor('room a to close', () => wire.openConnections('/rooms/a') === 0);
			await wire.connections('/rooms/b').at(-1)?.closeWith(1012, 'restart');
			await waitFor('room b back', () => wire.connections('/rooms/b').length === 3, 10_000);
			await sleep(QUIET_MS);
			figures.rooms = {
				connectionsA: wire.connections('/rooms/a').length, connectionsB: wire.connections('/rooms/b').length,
				peakOpenA: wire.peakOpen.get('/rooms/a'), peakOpenB: wire.peakOpen.get('/rooms/b'),
			};
			assert.equal(wire.connections('/rooms/a').length, 4, 'no reconnect after leaving room a');
			assert.equal(wire.openConnections('/rooms/b'), 1);
			assert.equal(wire.peakOpen.get('/rooms/b'), 1);
			// Room a had two sockets only for the instant in which the replaced one was closing.
			assert.ok((wire.peakOpen.get('/rooms/a') ?? 0) <= 2);
		});
	});

	test('a server that accepts and then fails (1011 after 50 ms): the delays keep growing, no reconnect storm', async () => {
		await run('browserFunction.ts', 'browserFunction.ts', async (wire, module) => {
			wire.onConnection = (connection) => {
				setTimeout(() => connection.socket.close(1011, 'crashed'), 50);
			};
			await module.call('connect');
			await sleep(6000);
			wire.onConnection = undefined;
			const connections = wire.connections().length;
			const delays = (await module.scheduled()).map((timer) => Math.round(timer.delay));
			figures.acceptThenFail = { seconds: 6, connections, delays };
			// Resetting on every open (as before) drew every delay from the first 100 ms window: ~60 connections in 6 s.
			// With the backoff growing to the 800 ms cap, the expected count is about 15.
			assert.ok(connections <= 25, `${connections} connections in 6 s`);
			assert.ok(delays.slice(4).some((delay) => delay > BASE_MS * 2), `the window grew: ${delays.join(', ')}`);
			assert.equal(wire.peakOpen.get('/chat'), 1);
		});
	});

	test('a hook: comes back after a restart; unmounting stops it, also while a retry is pending', async () => {
		await run('hookClient.ts', 'hookClient.ts', async (wire, module) => {
			await module.call('LiveFeed', [{ url: `${wire.url}/feed` }]);
			await (await wire.connection(0, 20_000)).closeWith(1012, 'restart');
			await wire.connection(1, CAP_MS + LATENESS_MS + 5000);
			await wire.connections()[1]?.closeWith(1013, 'busy');
			await module.call('unmount');
			await sleep(CAP_MS + LATENESS_MS);
			assert.equal(wire.connections().length, 2, 'unmounting cancelled the pending retry');
			// Mounted again: a new effect, a new connection; unmounting closes it with 1000 and nothing comes back.
			await module.call('LiveFeed', [{ url: `${wire.url}/feed` }]);
			const third = await wire.connection(2, 10_000);
			await module.call('unmount');
			assert.equal((await third.ended).code, 1000);
			await sleep(QUIET_MS);
			figures.hook = { connections: wire.connections().length, peakOpen: wire.peakOpen.get('/feed') };
			assert.equal(wire.connections().length, 3);
			assert.equal(wire.peakOpen.get('/feed'), 1);
		});
	});

	test('a Vue component: comes back after 1001; unmounting stops it', async () => {
		await run('vueClient.ts', 'vueClient.ts', async (wire, module) => {
			await module.call('setup', [`${wire.url}/vue`]);
			await module.call('mount');
			await (await wire.connection(0, 20_000)).closeWith(1001, 'restarting');
			const second = await wire.connection(1, CAP_MS + LATENESS_MS + 5000);
			await module.call('unmount');
			assert.equal((await second.ended).code, 1000);
			await sleep(QUIET_MS);
			assert.equal(wire.connections().length, 2);
			assert.equal(wire.peakOpen.get('/vue'), 1);
			assert.deepEqual(await module.get('statuses'), ['server going away']);
		});
	});

	test('a nullable socket variable: comes back after 1001; disconnect() stops it', async () => {
		await run('nullableClient.ts', 'nullableClient.ts', async (wire, module) => {
			await module.call('connect', [`${wire.url}/n`]);
			await (await wire.connection(0, 20_000)).closeWith(1001, 'restarting');
			const second = await wire.connection(1, CAP_MS + LATENESS_MS + 5000);
			await module.call('disconnect');
			assert.equal((await second.ended).code, 1000);
			await sleep(QUIET_MS);
			assert.equal(wire.connections().length, 2);
			assert.deepEqual(await module.get('events'), ['going away']);
		});
	});

	test('gives up after the attempt limit, and says so', async () => {
		await run('limited', 'browserFunction.ts', async (wire, module) => {
			await module.call('connect');
			const first = await wire.connection(0, 20_000);
			wire.accepting = false;
			await first.closeWith(1001, 'gone');
			await waitFor('three refused attempts', () => wire.attempts.length === 4, 3 * (CAP_MS + LATENESS_MS) + 5000);
			await sleep(CAP_MS + LATENESS_MS);
			figures.giveUp = { maxAttempts: 3, attempts: wire.attempts.length - 1 };
			assert.equal(wire.attempts.length, 4, 'exactly three attempts after the drop');
			await waitFor('the give-up message', () => /WebSocket closed with code 1006 after 3 attempts: not reconnecting/.test(module.stderr), 2000);
		});
	});
});
