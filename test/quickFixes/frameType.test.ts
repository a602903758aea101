// 1003 Unsupported Data, proven end to end: "Send text frames" / "Send binary frames" for a client that receives 1003,
// "Reject binary/text frames with 1003" for a `ws` server's message handler. Each action comes from the built server
// over LSP; the result must parse, keep the file's style, not be offered again, type-check under `strict`, and — run
// against (or as) a real `ws` server — send or accept exactly the intended frames, with the data intact. (The results
// are type-checked with the others in typeCheck.test.ts.)
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { WebSocket } from 'ws';
import { positionOf } from '../lsp/lspClient';
import { lines as sourceLines } from '../unit/helpers';
import {
	FixServer, readFixture, reconnectTitle, RunningModule, styleProblems, syntaxErrors, TestServer, withTimeout, type AppliedFix, type Frame,
} from './harness';
import {
	applyAll, frameCases as cases, rejectBinary, rejectText, sendBinary, sendText, type FixCase,
} from './matrix';

let server: FixServer;
let fixed = new Map<FixCase, AppliedFix>();

before(async () => {
	server = await FixServer.start();
	fixed = await applyAll(server, cases, (fixCase) => fixCase.title, (fixCase) => fixCase);
});

after(async () => {
	await RunningModule.stopAll();
	await TestServer.closeAll();
	await server?.stop();
});

const resultOf = (fixture: string, title: string): AppliedFix => {
	const fixCase = cases.find((candidate) => candidate.fixture === fixture && candidate.title === title);
	const fix = fixCase && fixed.get(fixCase);
	assert.ok(fix, `no result for ${fixture} / ${title}`);
	return fix;
};

describe('1003 fixes: the actions over LSP and the text they write', () => {
	for (const fixCase of cases) {
		test(`${fixCase.fixture}: ${fixCase.title}`, async () => {
			const fix = fixed.get(fixCase) as AppliedFix;
			assert.deepEqual(fix.offered.map((action) => action.title), fixCase.offered);
			// Several ways to fix 1003 and none clearly right: no action is preferred.
			assert.ok(fix.offered.filter((action) => action.title !== reconnectTitle).every((action) => action.isPreferred === undefined));
			assert.deepEqual(syntaxErrors(fixCase.fixture, fix.result), []);
			assert.deepEqual(styleProblems(fix, fixCase.style), []);
			assert.ok(!(await server.titlesAt(fixCase.fixture, fix.result, fixCase.needle, fixCase.delta, fixCase.kind)).includes(fixCase.title), 'not offered again');
			assert.deepEqual((await server.diagnostics(fixCase.fixture, fix.result)).map((diagnostic) => diagnostic.code),
				(await server.diagnostics(fixCase.fixture, fix.original)).map((diagnostic) => diagnostic.code));
		});
	}

	test('the rewrites: serialise objects, encode or unwrap encoded text, { binary } for ws; right calls left alone', () => {
		const lines = (fixture: string, title: string) => resultOf(fixture, title).result.split(/\r?\n/)
			.filter((line) => /(?:socket|ws)\??\.send\(/.test(line)).map((line) => line.trim());
		assert.deepEqual(lines('browserFunction.ts', sendText), [
			'socket.send(JSON.stringify(hello));', "socket.send('ping');", "socket.send('héllo ✓');",
		]);
		assert.deepEqual(lines('browserFunction.ts', sendBinary), [
			'socket.send(new TextEncoder().encode(JSON.stringify(hello)));', "socket.send(new TextEncoder().encode('ping'));", "socket.send(encoder.encode('héllo ✓'));",
		]);
		assert.deepEqual(lines('browserClass.tsx', sendBinary), [
			'this.socket?.send(new TextEncoder().encode(JSON.stringify(message)));', 'this.socket?.send(payload);',
		]);
		assert.deepEqual(lines('browserVariables.ts', sendText), ['socket.send(payload);', 'socket.send(note);', 'socket.send(greeting);']);
		assert.doesNotMatch(resultOf('browserVariables.ts', sendText).result, /const bytes/, 'the bytes are not used any more');
		assert.deepEqual(lines('browserVariables.ts', sendBinary), [
			'socket.send(new TextEncoder().encode(payload));', 'socket.send(bytes);', 'socket.send(new TextEncoder().encode(greeting));',
		]);
		assert.deepEqual(lines('wsClient.cjs', sendText), [
			"ws.send(JSON.stringify({ subscribe: 'EURUSD' }));", "ws.send('ready ✓');", 'ws.send(greeting, { binary: false });',
		]);
		assert.deepEqual(lines('wsClient.cjs', sendBinary), [
			"ws.send(JSON.stringify({ subscribe: 'EURUSD' }), { binary: true });", "ws.send(Buffer.from('ready ✓'));", 'ws.send(greeting, { binary: true });',
		]);
		assert.match(resultOf('wsServer.ts', rejectBinary).result,
			/ws\.on\('message', \(data, isBinary\) => \{\n\t\t\tif \(isBinary\) \{\n\t\t\t\tws\.close\(1003, 'Binary frames are not supported'\);\n\t\t\t\treturn;\n\t\t\t\}\n\t\t\tws\.send/);
		assert.match(resultOf('echoServer.mjs', rejectText).result,
			/socket\.on\("message", function \(message, isBinary\) \{\n {6}if \(!isBinary\) \{\n {8}socket\.close\(1003, "Text frames are not supported"\)\n {8}return\n {6}\}\n/);
	});

	test('not offered: reject guards on a WHATWG socket (its close() throws on 1003), or where the type is checked', async () => {
		const browser = resultOf('browserFunction.ts', sendText).original;
		assert.deepEqual(await server.titlesAt('browserFunction.ts', browser, "socket.addEventListener('message'", 1, 'refactor.rewrite'), []);
		const guarded = resultOf('wsServer.ts', rejectBinary).result;
		assert.deepEqual(await server.titlesAt('wsServer.ts', guarded, "ws.on('message'", 1, 'refactor.rewrite'), []);
		assert.deepEqual(await server.titlesAt('wsServer.ts', guarded, 'ws.send(', 1), []);
		// Send fixes only on a received 1003 (here: 1001 in the same handler).
		assert.ok(!(await server.titlesAt('wsClient.cjs', resultOf('wsClient.cjs', sendText).original, 'case 1001', 6)).includes(sendText));
	});
});

describe('1003 send fixes: payloads in local variables', () => {
	const browser = (...body: string[]) => sourceLines('export function start(s: string, msg: object): void {',
		"\tconst socket = new WebSocket('wss://example.test');", "\tsocket.addEventListener('open', () => {", ...body.map((line) => `\t\t${line}`), '\t});',
		"\tsocket.addEventListener('close', (event) => {", '\t\tif (event.code === 1003) {', "\t\t\tconsole.error('refused');", '\t\t}', '\t});', '}');
	const sendFixesIn = async (text: string) => {
		const titles = await server.titlesAt('variables.ts', text, '1003', 2);
		assert.ok(titles.includes(reconnectTitle), 'asked in the close handler');
		return titles.filter((title) => title === sendText || title === sendBinary);
	};
	const sends = (text: string) => text.split('\n').filter((line) => /send\(|const bytes/.test(line)).map((line) => line.trim());

	test('encoded bytes in a const are sent as the text they encode; the declaration goes when nothing else reads it', async () => {
		const source = browser('const bytes = new TextEncoder().encode(s);', 'socket.send(bytes);');
		assert.deepEqual(await sendFixesIn(source), [sendText]);
		assert.deepEqual(sends((await server.apply('variables.ts', '1003', sendText, 2, source)).result), ['socket.send(s);']);
		const read = browser('const bytes = new TextEncoder().encode(s);', 'console.log(bytes.length);', 'socket.send(bytes);');
		assert.deepEqual(sends((await server.apply('variables.ts', '1003', sendText, 2, read)).result),
			['const bytes = new TextEncoder().encode(s);', 'socket.send(s);']);
	});

	test('text in a const is encoded for binary frames; a ws client sends Buffer.from(text) in a const as text', async () => {
		const source = browser('const payload = JSON.stringify(msg);', 'socket.send(payload);');
		assert.deepEqual(await sendFixesIn(source), [sendBinary]);
		assert.deepEqual(sends((await server.apply('variables.ts', '1003', sendBinary, 2, source)).result), ['socket.send(new TextEncoder().encode(payload));']);
		const ws = sourceLines("import WebSocket from 'ws';", 'export function start(text: string): void {', "\tconst ws = new WebSocket('ws://example.test');",
			"\tws.on('open', () => {", "\t\tconst bytes = Buffer.from(text, 'utf8');", '\t\tws.send(bytes);', '\t});',
			"\tws.on('close', (code) => {", '\t\tif (code === 1003) {', "\t\t\tconsole.error('refused');", '\t\t}', '\t});', '}');
		assert.deepEqual(sends((await server.apply('wsVariables.ts', '1003', sendText, 2, ws)).result), ['ws.send(text);']);
	});

	test('not offered when the bytes or their text could differ at the send, or the bytes are not known text', async () => {
		const cases = {
			'bytes reassigned': ['let bytes: Uint8Array = new TextEncoder().encode(s);', 'bytes = new Uint8Array([0xff]);', 'socket.send(bytes);'],
			'the text reassigned after encoding': ['let text = s;', 'const bytes = new TextEncoder().encode(text);', "text = 'other';", 'socket.send(bytes);'],
			'the text name shadowed at the send': ['const bytes = new TextEncoder().encode(s);', '{', "\tconst s = 'other';", '\tsocket.send(bytes);', '}'],
			'text from an expression that may change': ['const bytes = new TextEncoder().encode(JSON.stringify(msg));', 'socket.send(bytes);'],
			'opaque bytes': ['const bytes = new Uint8Array([1, 2, 3]);', 'socket.send(bytes);'],
		};
		for (const [what, body] of Object.entries(cases)) {
			assert.deepEqual(await sendFixesIn(browser(...body)), [], what);
		}
		// The twin of the first case without its reassignment is followed.
		assert.deepEqual(await sendFixesIn(browser('let bytes: Uint8Array = new TextEncoder().encode(s);', 'socket.send(bytes);')), [sendText]);
	});
});

describe('1003 guards: offered on the message handler\'s signature only, as a refactor', () => {
	const guards = [rejectBinary, rejectText];
	/** The guard titles the editor's menu would show at `needle`, asked as VS Code does (no `only`) unless told. */
	async function guardsAt(fixture: string, text: string, needle: string, delta: number,
		context: { only?: string[]; diagnostics?: Diagnostic[]; to?: readonly [string, number] } = {}) {
		const uri = await server.open(fixture, text);
		const position = positionOf(text, needle, delta);
		const end = context.to ? positionOf(text, ...context.to) : position;
		const actions = (await server.client.codeActions(uri, { start: position, end }, context.diagnostics ?? [], context.only)) ?? [];
		await server.client.close(uri);
		const offered = actions.filter((action) => guards.includes(action.title));
		assert.ok(offered.every((action) => action.kind === 'refactor.rewrite'), JSON.stringify(offered));
		return { guards: offered.map((action) => action.title), all: actions.map((action) => action.title) };
	}

	const multiLine = sourceLines("import { WebSocketServer } from 'ws';", 'const wss = new WebSocketServer({ port: 0 });', "wss.on('connection', (ws) => {",
		'\tws.on(', "\t\t'message',", '\t\t(data) => {', "\t\t\tconsole.log('got', data.toString());", '\t\t\tws.send(data);', '\t\t},', '\t);', '});');

	test('on every line from the registration to the body\'s {, with no `only` (the lightbulb and Ctrl+.) and with refactor', async () => {
		for (const [needle, delta] of [['ws.on(', 0], ["'message'", 3], ['(data) => {', 0], ['(data) => {', 11]] as const) {
			assert.deepEqual((await guardsAt('server.ts', multiLine, needle, delta)).guards, guards, needle);
			assert.deepEqual((await guardsAt('server.ts', multiLine, needle, delta, { only: ['refactor'] })).guards, guards, needle);
		}
		const echo = readFixture('echoServer.mjs');
		assert.deepEqual((await guardsAt('echoServer.mjs', echo, 'function (message) {', 20)).guards, guards);
	});

	test('not in the body, not on the outer connection handler, not when only quick fixes are asked for', async () => {
		for (const [needle, delta] of [["console.log('got'", 3], ['ws.send(data)', 3], ['\t\t},', 3], ["wss.on('connection'", 2], ["import { WebSocketServer }", 0]] as const) {
			assert.deepEqual((await guardsAt('server.ts', multiLine, needle, delta)).guards, [], needle);
		}
		assert.deepEqual((await guardsAt('server.ts', multiLine, 'ws.on(', 0, { only: ['quickfix'] })).guards, []);
		assert.deepEqual((await guardsAt('server.ts', multiLine, 'ws.on(', 0, { only: ['refactor.extract'] })).guards, []);
	});

	test('not in the menu of a diagnostic, ours or another tool\'s, even on the signature', async () => {
		// A reserved code on the signature line; the line selected: Ctrl+. shows its fixes, and no guards.
		const oneLine = sourceLines("import { WebSocketServer } from 'ws';", 'const wss = new WebSocketServer({ port: 0 });',
			"wss.on('connection', (ws) => ws.on('message', (data) => { ws.close(1005); }));");
		const uri = await server.open('oneLine.ts', oneLine);
		const diagnostics = await server.client.until(() => server.client.published.get(uri));
		await server.client.close(uri);
		assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['reserved-close-code']);
		const line = { to: ['1005', 4] } as const;
		const onIt = await guardsAt('oneLine.ts', oneLine, "wss.on('connection'", 0, { ...line, diagnostics });
		assert.deepEqual(onIt.guards, []);
		assert.ok(onIt.all.some((title) => /1000/.test(title)), onIt.all.join(', '));
		assert.deepEqual((await guardsAt('oneLine.ts', oneLine, "wss.on('connection'", 0, line)).guards, guards, 'the same range without a diagnostic');
		// Another tool's diagnostic on the signature (TypeScript: implicit any).
		const typeScript: Diagnostic = { range: { start: positionOf(multiLine, '(data)', 1), end: positionOf(multiLine, '(data)', 5) },
			severity: 1, source: 'ts', code: 7006, message: "Parameter 'data' implicitly has an 'any' type." };
		assert.deepEqual((await guardsAt('server.ts', multiLine, '(data)', 2, { diagnostics: [typeScript] })).guards, []);
	});
});

// ---- at run time -----------------------------------------------------------------------------------------------------

const text = (frame: Frame | undefined) => frame?.data.toString('utf8');

/** Runs a fixed client against a recording server; returns the frames of its first connection. */
async function framesFrom(fixture: string, title: string, flavour: 'whatwg' | 'node', count: number,
	start: (module: RunningModule, url: string) => Promise<unknown>): Promise<Frame[]> {
	const testServer = await TestServer.start();
	const module = await RunningModule.start(fixture, resultOf(fixture, title).result.split('ws://localhost:8080').join(testServer.url), flavour);
	try {
		await start(module, testServer.url);
		const connection = await testServer.connection(0, 20_000);
		const frames = await connection.framesArrived(count);
		assert.deepEqual(module.uncaught, []);
		return frames.slice();
	} finally {
		await module.stop();
		await testServer.close();
	}
}

/** Opens a client to a fixed server, sends `data`, and returns the reply or the close code. */
async function exchange(url: string, data: string | Buffer): Promise<{ reply?: string; close?: { code: number; reason: string } }> {
	const socket = new WebSocket(url);
	try {
		await withTimeout(new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject)), 10_000, 'open');
		return await withTimeout(new Promise((resolve) => {
			socket.once('message', (reply: Buffer) => resolve({ reply: reply.toString() }));
			socket.once('close', (code: number, reason: Buffer) => resolve({ close: { code, reason: reason.toString() } }));
			socket.send(data);
		}), 10_000, 'a reply or a close');
	} finally {
		socket.terminate();
	}
}

describe('1003 fixes: run against a real ws server', { concurrency: true }, () => {
	test('browserFunction.ts, Send text frames: only text frames, the data intact', async () => {
		const frames = await framesFrom('browserFunction.ts', sendText, 'whatwg', 3, (module) => module.call('connect'));
		assert.deepEqual(frames.map((frame) => frame.isBinary), [false, false, false]);
		assert.deepEqual(JSON.parse(text(frames[0]) ?? ''), { user: 'ada', text: 'hello' });
		assert.deepEqual(frames.slice(1).map(text), ['ping', 'héllo ✓']);
	});

	test('browserFunction.ts, Send binary frames: only binary frames, decoding to the same data', async () => {
		const frames = await framesFrom('browserFunction.ts', sendBinary, 'whatwg', 3, (module) => module.call('connect'));
		assert.deepEqual(frames.map((frame) => frame.isBinary), [true, true, true]);
		assert.deepEqual(JSON.parse(text(frames[0]) ?? ''), { user: 'ada', text: 'hello' });
		assert.deepEqual(frames.slice(1).map(text), ['ping', 'héllo ✓']);
	});

	test('browserVariables.ts, Send text frames: constants followed; the encoded note arrives as its text', async () => {
		const frames = await framesFrom('browserVariables.ts', sendText, 'whatwg', 3, (module) => module.call('connect', [], { as: 'client' }));
		assert.deepEqual(frames.map((frame) => frame.isBinary), [false, false, false]);
		assert.deepEqual(JSON.parse(text(frames[0]) ?? ''), { symbol: 'EURUSD', price: 1.08 });
		assert.deepEqual(frames.slice(1).map(text), ['naïve ✓ 日本', 'hello']);
	});

	test('browserVariables.ts, Send binary frames: only binary frames, decoding to the same data', async () => {
		const frames = await framesFrom('browserVariables.ts', sendBinary, 'whatwg', 3, (module) => module.call('connect', [], { as: 'client' }));
		assert.deepEqual(frames.map((frame) => frame.isBinary), [true, true, true]);
		assert.deepEqual(JSON.parse(text(frames[0]) ?? ''), { symbol: 'EURUSD', price: 1.08 });
		assert.deepEqual(frames.slice(1).map(text), ['naïve ✓ 日本', 'hello']);
	});

	test('browserClass.tsx, Send binary frames: the subscription and later messages are binary JSON', async () => {
		const frames = await framesFrom('browserClass.tsx', sendBinary, 'whatwg', 2, async (module, url) => {
			await module.construct('FeedClient', [`${url}/feed`], 'client');
			// Sent before the socket is open it would throw; wait for the subscription the client sends on open.
			await new Promise((resolve) => setTimeout(resolve, 200));
			await module.call('send', [{ kind: 'unsubscribe', topic: 'prices' }], { target: 'client' });
		});
		assert.deepEqual(frames.map((frame) => frame.isBinary), [true, true]);
		assert.deepEqual(frames.map((frame) => JSON.parse(text(frame) ?? '') as unknown), [
			{ kind: 'subscribe', topic: 'prices' }, { kind: 'unsubscribe', topic: 'prices' },
		]);
	});

	test('wsClient.cjs, Send text frames: only text frames, the data intact', async () => {
		const frames = await framesFrom('wsClient.cjs', sendText, 'node', 3, (module, url) => module.call('connect', [`${url}/prices`]));
		assert.deepEqual(frames.map((frame) => frame.isBinary), [false, false, false]);
		assert.deepEqual(JSON.parse(text(frames[0]) ?? ''), { subscribe: 'EURUSD' });
		assert.deepEqual(frames.slice(1).map(text), ['ready ✓', 'hello from the feed client']);
	});

	test('wsClient.cjs, Send binary frames: only binary frames, decoding to the same data', async () => {
		const frames = await framesFrom('wsClient.cjs', sendBinary, 'node', 3, (module, url) => module.call('connect', [`${url}/prices`]));
		assert.deepEqual(frames.map((frame) => frame.isBinary), [true, true, true]);
		assert.deepEqual(JSON.parse(text(frames[0]) ?? ''), { subscribe: 'EURUSD' });
		assert.deepEqual(frames.slice(1).map(text), ['ready ✓', 'hello from the feed client']);
	});

	const servers = [
		{ fixture: 'wsServer.ts', start: 'startEchoServer', reply: (data: string) => `echo: ${data}` },
		{ fixture: 'echoServer.mjs', start: 'startUpperServer', reply: (data: string) => data.toUpperCase() },
	];
	for (const { fixture, start, reply } of servers) {
		for (const [title, accepted, rejected] of [[rejectBinary, 'text', 'binary'], [rejectText, 'binary', 'text']] as const) {
			test(`${fixture}, ${title}: a real client sending ${rejected} gets 1003; ${accepted} still works`, async () => {
				const module = await RunningModule.start(fixture, resultOf(fixture, title).result, 'node');
				try {
					await module.call(start, [0], { as: 'server' });
					const { port } = await module.call('address', [], { target: 'server' }) as { port: number };
					const url = `ws://127.0.0.1:${port}`;
					const frame = (kind: 'text' | 'binary', data: string) => (kind === 'text' ? data : Buffer.from(data));
					assert.deepEqual(await exchange(url, frame(accepted, 'héllo')), { reply: reply('héllo') });
					const refused = await exchange(url, frame(rejected, 'héllo'));
					assert.equal(refused.close?.code, 1003);
					assert.match(refused.close?.reason ?? '', rejected === 'binary' ? /^Binary frames are not supported$/ : /^Text frames are not supported$/);
					// The server is still up for the next client.
					assert.deepEqual(await exchange(url, frame(accepted, 'again')), { reply: reply('again') });
					assert.deepEqual(module.uncaught, []);
				} finally {
					await module.stop();
				}
			});
		}
	}
});
