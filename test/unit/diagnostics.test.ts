import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, type DocumentSettings, type EnvironmentSetting } from '../../server/src/service';
import { shortenReason, truncateUtf8, utf8Length } from '../../server/src/service/diagnostics';
import { lines, makeDocument } from './helpers';

const service = createLanguageService();

function problems(text: string, options: { fileName?: string; environment?: EnvironmentSetting; locale?: 'en' | 'ja' } = {}) {
	const document = makeDocument(text, options.fileName ?? 'test.ts');
	const settings: DocumentSettings = { locale: options.locale ?? 'en', environment: options.environment ?? 'auto' };
	return service.findProblems(document, settings).map((problem) => ({
		...problem,
		text: text.slice(problem.start, problem.end),
	}));
}

/** Applies a fix to the text and checks the result still parses without new syntax errors. */
function applyFix(text: string, fix: { start: number; end: number; newText: string }, fileName = 'test.ts'): string {
	const result = text.slice(0, fix.start) + fix.newText + text.slice(fix.end);
	const parsed = ts.createSourceFile(fileName, result, ts.ScriptTarget.Latest, true);
	const errors = (parsed as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
	assert.deepEqual(errors.map((error) => error.messageText), [], `fix produced syntax errors:\n${result}`);
	return result;
}

const browser = (line: string) => lines("const socket = new WebSocket('wss://example.test');", line);
const node = (line: string) => lines("import WebSocket from 'ws';", "const ws = new WebSocket('ws://localhost:8080');", line);

describe('diagnostics: rules', () => {
	test('reserved-close-code: 1005 → error with the fix 1000 (preferred)', () => {
		const text = node("ws.close(1005, 'bye');");
		const [problem] = problems(text);
		assert.equal(problem.rule, 'reserved-close-code');
		assert.equal(problem.severity, 'error');
		assert.equal(problem.text, '1005');
		assert.match(problem.message, /1005 \(No Status Received\) is reserved/);
		assert.match(problem.message, /`ws` throws `TypeError`/);
		assert.deepEqual(problem.fixes.map((fix) => [fix.newText, fix.isPreferred ?? false]), [['1000', true]]);
		assert.match(applyFix(text, problem.fixes[0]), /ws\.close\(1000, 'bye'\);/);
	});

	test('reserved-close-code: 1006 and 1015 → 1011 preferred on ws, 1000 preferred in a browser; 1004 → 1009 or 1000', () => {
		const [sixNode] = problems(node('ws.close(1006);'));
		assert.deepEqual(sixNode.fixes.map((fix) => [fix.newText, fix.isPreferred ?? false]), [['1011', true], ['1000', false]]);
		const [sixBrowser] = problems(browser('socket.close(1006);'));
		assert.deepEqual(sixBrowser.fixes.map((fix) => [fix.newText, fix.isPreferred ?? false]), [['1000', true]], 'no 1011 where close() rejects it');
		assert.match(sixBrowser.message, /InvalidAccessError/);
		const [fifteen] = problems(node('ws.close(1015);'));
		assert.equal(fifteen.rule, 'reserved-close-code');
		const [four] = problems(node('ws.close(1004);'));
		assert.deepEqual(four.fixes.map((fix) => fix.newText), ['1009', '1000']);
	});

	test('invalid-close-code: below 1000 and from 5000 up', () => {
		const found = problems(node("ws.close(0);\nws.close(999);\nws.close(5000, 'x');"));
		assert.deepEqual(found.map((problem) => [problem.rule, problem.text, problem.severity]), [
			['invalid-close-code', '0', 'error'], ['invalid-close-code', '999', 'error'], ['invalid-close-code', '5000', 'error'],
		]);
		assert.deepEqual(found[0].fixes.map((fix) => fix.newText), ['1000', '4000']);
	});

	test('unassigned-close-code: a warning where the API is unknown, an error where ws or a browser throws', () => {
		const [unknown] = problems("socket.close(2001, 'moved');");
		assert.deepEqual([unknown.rule, unknown.severity], ['unassigned-close-code', 'warning']);
		assert.deepEqual(unknown.fixes.map((fix) => fix.newText), ['4001', '1000']);
		const [onWs] = problems(node('ws.close(2001);'));
		assert.deepEqual([onWs.rule, onWs.severity], ['unassigned-close-code', 'error']);
	});

	test('browser-close-code: the global WebSocket accepts only 1000 and 3000–4999', () => {
		const text = browser("socket.close(1001, 'leaving');");
		const [problem] = problems(text);
		assert.equal(problem.rule, 'browser-close-code');
		assert.match(problem.message, /throws `InvalidAccessError`/);
		assert.deepEqual(problem.fixes.map((fix) => fix.newText), ['1000', '4001']);
		assert.match(problem.fixes[1].title, /4001 \(private-use code mirroring 1001 Going Away\)/);
		assert.deepEqual(problems(browser("socket.close(1000, 'done'); socket.close(4001); socket.close(3000);")), []);
	});

	test('ws rules: 1012–1014 are accepted by ws but not by browsers', () => {
		assert.deepEqual(problems(node("ws.close(1012, 'restart'); ws.close(1013); ws.close(1014);")), []);
		assert.deepEqual(problems(browser('socket.close(1012);')).map((problem) => problem.rule), ['browser-close-code']);
	});

	test('the API is decided per socket: ws import, require, namespace import, this.field, and the global', () => {
		const mixed = lines("import WS from 'ws';", 'class Client {', "  private socket = new WebSocket('wss://a');", '  private upstream = new WS(\'ws://b\');',
			"  stop() { this.socket.close(1001); this.upstream.close(1001); }", '}');
		assert.deepEqual(problems(mixed).map((problem) => [problem.rule, mixed.slice(0, problem.start).split('\n').length]), [['browser-close-code', 5]]);
		const required = lines("const WebSocket = require('ws');", "const ws = new WebSocket('ws://x');", 'ws.close(1001);');
		assert.deepEqual(problems(required, { fileName: 'a.cjs' }), []);
		const namespace = lines("import * as WS from 'ws';", "const ws = new WS.WebSocket('ws://x');", 'ws.close(1001);');
		assert.deepEqual(problems(namespace), []);
	});

	test('environment decides when the file cannot: auto checks only RFC rules', () => {
		const text = "export function stop(socket: { close(code?: number, reason?: string): void }) { socket.close(1001, 'bye'); }";
		assert.deepEqual(problems(text), []);
		assert.deepEqual(problems(text, { environment: 'node' }), []);
		assert.deepEqual(problems(text, { environment: 'browser' }).map((problem) => problem.rule), ['browser-close-code']);
	});

	test('server runtimes whose sockets accept any code get no browser rule, even with environment=browser', () => {
		const deno = lines('Deno.serve((req) => {', '  const { socket, response } = Deno.upgradeWebSocket(req);', "  socket.onmessage = () => socket.close(1008, 'policy');", '  return response;', '});');
		assert.deepEqual(problems(deno, { environment: 'browser' }), []);
	});

	test("Bun's global WebSocket client accepts 1001 (only RFC rules apply), unlike a browser's", () => {
		const bun = lines("const socket = new WebSocket('wss://x');", 'Bun.serve({ fetch: () => new Response() });', "socket.close(1001, 'bye');", 'socket.close(1005);');
		assert.deepEqual(problems(bun, { environment: 'browser' }).map((problem) => [problem.rule, problem.text]), [['reserved-close-code', '1005']]);
	});

	test('workerd: a Worker\'s sockets throw InvalidAccessError outside 1000–4999 and on 1004–1006/1015, but send 1001 and 2999', () => {
		const worker = lines(
			'export default {',
			'  async fetch(request: Request) {',
			'    const pair = new WebSocketPair();',
			'    const [client, server] = Object.values(pair);',
			'    server.accept();',
			"    server.close(1005, 'bye');",
			'    server.close(999);',
			'    server.close(2999);',
			"    server.close(1001, 'going away');",
			"    const outbound = new WebSocket('wss://upstream.test');",
			'    outbound.close(1001);',
			'    return new Response(null, { status: 101, webSocket: client });',
			'  },',
			'};');
		const found = problems(worker, { environment: 'browser' });
		assert.deepEqual(found.map((problem) => [problem.rule, problem.text, problem.severity]), [
			['reserved-close-code', '1005', 'error'], ['invalid-close-code', '999', 'error'], ['unassigned-close-code', '2999', 'warning'],
		], 'the global WebSocket of a Worker follows workerd too: close(1001) is fine even with environment=browser');
		assert.match(found[0].message, /Here workerd throws `InvalidAccessError`\.$/);
		assert.match(found[1].message, /Here workerd throws `InvalidAccessError`\.$/);
		assert.doesNotMatch(found[2].message, /throws/, 'workerd sends 2999');
		const long = problems(worker.replace("'going away'", `'${'a'.repeat(124)}'`)).find((problem) => problem.rule === 'reason-too-long');
		assert.match(long?.message ?? '', /Here workerd throws `SyntaxError` \(compatibility date 2026-03-03 or later\)\.$/);
	});

	test('workerd: the ends of a pair are sockets however they are taken; a Durable Object file is workerd code', () => {
		const ends = lines(
			'const pair = new WebSocketPair();',
			'const { 0: client, 1: server } = pair;',
			'const [left, right] = Object.values(new WebSocketPair());',
			'server.close(1006);',
			'right.close(1015);',
			'pair[1].close(5000);');
		assert.deepEqual(problems(ends).map((problem) => [problem.rule, problem.text]), [
			['reserved-close-code', '1006'], ['reserved-close-code', '1015'], ['invalid-close-code', '5000'],
		]);
		// Destructuring anything else proves nothing: `b` may be a pool or a file.
		assert.deepEqual(problems(lines('const [a, b] = Object.values(resources);', 'b.close(1005);')), []);
		const durableObject = lines(
			"import { DurableObject } from 'cloudflare:workers';",
			'export class Room extends DurableObject {',
			'  async webSocketMessage(ws: WebSocket, message: string) { ws.close(1004); ws.close(2001); }',
			'}');
		const found = problems(durableObject, { environment: 'node' });
		assert.deepEqual(found.map((problem) => [problem.rule, problem.severity]), [['reserved-close-code', 'error'], ['unassigned-close-code', 'warning']]);
		assert.match(found[0].message, /Here workerd throws/);
		const hibernating = lines('class Room {', '  constructor(private ctx: DurableObjectState) {}',
			'  accept(server: WebSocket) { this.ctx.acceptWebSocket(server); server.close(2001); }', '}');
		assert.deepEqual(problems(hibernating, { environment: 'node' }).map((problem) => [problem.rule, problem.severity]), [['unassigned-close-code', 'warning']],
			'acceptWebSocket makes it workerd code, where ws would throw on 2001');
	});

	test('reason-too-long: measured in UTF-8 bytes; the fix cuts at a character boundary', () => {
		const ascii = 'a'.repeat(124);
		const [problem] = problems(node(`ws.close(1000, '${ascii}');`));
		assert.equal(problem.rule, 'reason-too-long');
		assert.match(problem.message, /124 bytes/);
		assert.match(problem.message, /RangeError/);
		const japanese = 'サーバーを停止します。'.repeat(4); // 44 characters, 132 bytes
		const text = browser(`socket.close(1000, \`${japanese}\`);`);
		const [wide] = problems(text);
		assert.match(wide.message, /132 bytes/);
		assert.match(wide.message, /SyntaxError/);
		const fixed = applyFix(text, wide.fixes[0]);
		const literal = /`([^`]*)`/.exec(fixed)?.[1] ?? '';
		assert.equal(utf8Length(literal), 123);
		assert.ok(japanese.startsWith(literal));
		assert.deepEqual(problems(fixed), [], 'the fixed code is clean');
		assert.deepEqual(problems(node(`ws.close(1000, '${'a'.repeat(123)}');`)), [], '123 bytes is allowed');
		assert.deepEqual(problems(node('ws.close(1000, `${prefix}' + 'a'.repeat(200) + '`);')), [], 'templates with substitutions are not measured');
	});

	test('reason-too-long: the fix cuts at the last word that fits, without a dangling space or punctuation', () => {
		/** The reason the preferred fix writes for `reason` in a ws close() call. */
		const shortened = (reason: string) => {
			const text = node(`ws.close(1001, '${reason}');`);
			const [problem] = problems(text);
			assert.equal(problem.rule, 'reason-too-long', reason);
			return /ws\.close\(1001, '([^']*)'\);/.exec(applyFix(text, problem.fixes[0]))?.[1] ?? '';
		};
		// The sentence is 52 bytes: the 123-byte cut lands inside "restarting" of the third copy; the fix backs up to "is".
		const sentence = 'The server is restarting for scheduled maintenance, ';
		const english = shortened(sentence.repeat(3));
		assert.equal(english, `${sentence.repeat(2)}The server is`);
		assert.ok(utf8Length(english) <= 123);
		// The cut falls after "maintenance, " inside "then": back to the space, then the comma goes too.
		assert.equal(shortened(`${'x'.repeat(109)} maintenance, then more words`), `${'x'.repeat(109)} maintenance`);
		// Japanese without spaces: between code points (41 characters of 3 bytes), and the 、 left at the end goes.
		assert.equal(shortened(`${'再'.repeat(40)}、${'起'.repeat(20)}`), '再'.repeat(40));
		assert.equal(shortened('サーバーを停止します'.repeat(5)), 'サーバーを停止します'.repeat(4).concat('サ'));
	});

	test('reason-too-long: quotes and escapes survive the fix', () => {
		const text = node(`ws.close(1000, "it's \\"quoted\\" ${'x'.repeat(130)}");`);
		const [problem] = problems(text);
		const fixed = applyFix(text, problem.fixes[0]);
		// The 130 x's are one word that cannot fit: the cut keeps the words before it, closing quote included.
		assert.match(fixed, /ws\.close\(1000, "it's \\"quoted\\""\);/);
	});

	test('forwarded-close-code: forwarding a received code into close()', () => {
		const text = lines("import WebSocket from 'ws';", 'declare const client: WebSocket; declare const upstream: WebSocket;',
			"upstream.on('close', (code, reason) => client.close(code, reason));");
		const [problem] = problems(text);
		assert.deepEqual([problem.rule, problem.severity, problem.text], ['forwarded-close-code', 'warning', 'code']);
		const fixed = applyFix(text, problem.fixes[0]);
		assert.match(fixed, /client\.close\(code === 1005 \? 1000 : code === 1006 \|\| code === 1015 \? 1011 : code, reason\)/);
		assert.deepEqual(problems(fixed), [], 'the fixed code is clean');
	});

	test('forwarded-close-code: WHATWG targets get a mapping that keeps only what close() accepts', () => {
		const text = lines('const a = new WebSocket("wss://a"); const b = new WebSocket("wss://b");', 'a.onclose = (event) => b.close(event.code);');
		const [problem] = problems(text);
		assert.equal(problem.rule, 'forwarded-close-code');
		assert.match(problem.message, /InvalidAccessError/);
		const fixed = applyFix(text, problem.fixes[0]);
		assert.match(fixed, /b\.close\(event\.code === 1000 \|\| \(event\.code >= 3000 && event\.code <= 4999\) \? event\.code : 1000\)/);
	});

	test('diagnostics are localized', () => {
		const [problem] = problems(node('ws.close(1005);'), { locale: 'ja' });
		assert.match(problem.message, /報告専用の予約済みコード/);
		assert.match(problem.fixes[0].title, /1000（正常終了）を使う/);
	});

	test('a constant with a reserved value is reported where it is sent, without an automatic edit', () => {
		const text = node("const CODE = 1006;\nws.close(CODE, 'x');");
		const found = problems(text);
		assert.deepEqual(found.map((problem) => [problem.rule, problem.text, problem.fixes.length]), [['reserved-close-code', 'CODE', 0]]);
	});
});

describe('diagnostics: correct code stays clean', () => {
	const clean = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'clean');
	for (const file of readdirSync(clean)) {
		test(file, () => {
			const text = readFileSync(join(clean, file), 'utf8');
			for (const environment of ['auto', 'browser', 'node'] as const) {
				if (environment !== 'auto' && /\.browser\./.test(file) !== (environment === 'browser')) {
					continue;
				}
				assert.deepEqual(problems(text, { fileName: file, environment }).map((problem) => `${problem.rule}: ${problem.text}`), [], environment);
			}
		});
	}
});

describe('diagnostics: UTF-8 helpers', () => {
	test('utf8Length and truncateUtf8 agree with Buffer', () => {
		for (const text of ['plain', 'é', '日本語', '👋🏽 bye', 'a'.repeat(200), '🚀'.repeat(40)]) {
			assert.equal(utf8Length(text), Buffer.byteLength(text));
			for (const limit of [0, 1, 3, 4, 10, 123]) {
				const cut = truncateUtf8(text, limit);
				assert.ok(Buffer.byteLength(cut) <= limit);
				assert.ok(text.startsWith(cut));
				assert.ok(!cut.includes('\uFFFD'));
			}
		}
	});
});

describe('diagnostics: shortenReason', () => {
	test('never over the limit, never a split surrogate pair, a prefix of the text, no trailing space or separator', () => {
		const texts = ['a'.repeat(200), 'word '.repeat(40), '日本語のテキスト'.repeat(10), '🚀'.repeat(40), 'closing 👋🏽 bye, (soon) - '.repeat(12), 'a,b;c:d(e-f '.repeat(20),
			`${'x'.repeat(121)}🚀🚀`, 'サーバーを停止します。'.repeat(4), `${'a'.repeat(60)} ${'b'.repeat(100)}`];
		for (const text of texts) {
			for (const limit of [10, 123]) {
				const result = shortenReason(text, limit);
				assert.ok(Buffer.byteLength(result) <= limit, `${text}: ${Buffer.byteLength(result)} bytes`);
				assert.ok(text.startsWith(result), text);
				assert.ok(result.length > 0, text);
				assert.ok(!/[\uD800-\uDBFF]$/.test(result), `a lone high surrogate at the end: ${text}`);
				assert.equal(Buffer.from(result, 'utf8').toString('utf8'), result, 'round-trips through UTF-8');
				assert.ok(!/[\s,;:、(-]$/u.test(result), `${JSON.stringify(result)} ends in a space or a separator`);
			}
		}
	});

	test('emoji: 121 bytes of text then a 4-byte emoji that does not fit: cut before it, not inside it', () => {
		assert.equal(shortenReason(`${'x'.repeat(121)}🚀🚀`, 123), 'x'.repeat(121));
		assert.equal(shortenReason(`${'x'.repeat(114)} 🚀🚀 end`, 123), `${'x'.repeat(114)} 🚀🚀`);
		assert.equal(shortenReason(`Bye ${'🚀'.repeat(40)}`, 123), 'Bye', 'a word that does not fit goes whole');
	});

	test('one word longer than the limit falls back to a code-point cut; a fitting reason is unchanged', () => {
		assert.equal(shortenReason('a'.repeat(200), 123), 'a'.repeat(123));
		assert.equal(shortenReason(`${'a'.repeat(60)} ${'b'.repeat(100)}`, 123), 'a'.repeat(60));
		assert.equal(shortenReason('short reason.', 123), 'short reason.');
	});
});

describe('LSP-shaped output', () => {
	test('doValidation gives stable codes, the source and the fixes in data; code actions carry the edit', () => {
		const text = node("ws.close(1005, 'bye');");
		const document = TextDocument.create('file:///lsp.ts', 'typescript', 1, text);
		const [diagnostic] = service.doValidation(document, { locale: 'en' });
		assert.equal(diagnostic.code, 'reserved-close-code');
		assert.equal(diagnostic.source, 'websocket-close-codes');
		assert.equal(diagnostic.severity, 1);
		assert.equal(document.getText(diagnostic.range), '1005');
		assert.deepEqual((diagnostic.data as { fixes: { newText: string }[] }).fixes.map((fix) => fix.newText), ['1000']);
		const actions = service.getCodeActions(document, diagnostic.range, { locale: 'en' }, ['quickfix']);
		assert.equal(actions.length, 1);
		assert.equal(actions[0].kind, 'quickfix');
		assert.equal(actions[0].isPreferred, true);
		assert.deepEqual(actions[0].edit?.changes?.['file:///lsp.ts'], [{ range: diagnostic.range, newText: '1000' }]);
		assert.deepEqual(service.getCodeActions(document, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, { locale: 'en' }), []);
	});
});

describe('diagnostics: no false alarms on application code', () => {
	const relay = (body: string[]) => lines("import WebSocket from 'ws';", 'declare const client: WebSocket; declare const upstream: WebSocket;',
		"upstream.on('close', (code, reason) => {", ...body.map((line) => `\t${line}`), '});');

	test('forwarded-close-code: not after guards that handle 1005 and 1006 (else-if chains, ||, early returns, switch default)', () => {
		const guarded = [
			['if (code === 1005) {', '\tclient.close(1000);', '} else if (code === 1006) {', '\tclient.close(1011);', '} else {', '\tclient.close(code, reason);', '}'],
			['if (code === 1005 || code === 1006) {', '\tclient.close(1000);', '} else {', '\tclient.close(code, reason);', '}'],
			['if (code === 1005 || code === 1006) return;', 'client.close(code, reason);'],
			['if (code !== 1005 && code !== 1006) {', '\tclient.close(code, reason);', '}'],
			['switch (code) {', '\tcase 1005:', '\tcase 1006:', '\t\tclient.close(1000);', '\t\tbreak;', '\tdefault:', '\t\tclient.close(code, reason);', '}'],
		];
		for (const body of guarded) {
			assert.deepEqual(problems(relay(body)).map((problem) => problem.rule), [], body.join('\n'));
		}
		// Guards that leave one of them open still warn.
		assert.deepEqual(problems(relay(['if (code === 1005) return;', 'client.close(code, reason);'])).map((problem) => problem.rule), ['forwarded-close-code']);
		assert.deepEqual(problems(relay(['if (code === 1005 || code === 1006) log(code);', 'client.close(code, reason);'])).map((problem) => problem.rule), ['forwarded-close-code']);
	});

	test("forwarded-close-code: a Durable Object's webSocketClose(ws, code, …) forwarding the code it was handed", () => {
		const durableObject = (...body: string[]) => lines('export class Room {', '\tasync webSocketClose(ws: WebSocket, code: number, reason: string, wasClean: boolean) {',
			...body.map((line) => `\t\t${line}`), '\t}', '}');
		assert.deepEqual(problems(durableObject("ws.close(code, 'Durable Object is closing WebSocket');")).map((problem) => [problem.rule, problem.text]),
			[['forwarded-close-code', 'code']]);
		// Guarded, or another method with the same parameters: quiet.
		assert.deepEqual(problems(durableObject('if (code === 1005 || code === 1006) return;', "ws.close(code, 'closing');")), []);
		assert.deepEqual(problems(lines('export class Room {', '\tasync shutdown(ws: WebSocket, code: number, reason: string) {',
			"\t\tws.close(code, 'closing');", '\t}', '}')), []);
	});

	test('close(n) on something that is not shown to be a WebSocket is at most likely, and never a diagnostic', () => {
		const text = lines("const { WebSocketServer } = require('ws');", 'const wss = new WebSocketServer({ port: 8080 });', 'const pool = createPool();',
			'pool.close(1005);', 'session.close(1006);');
		assert.deepEqual(problems(text, { fileName: 'server.js' }), []);
		const sites = service.analyse(makeDocument(text, 'server.js')).sites;
		// A receiver named as another resource gets nothing; an unknown one is at most likely.
		assert.deepEqual(sites.map((site) => `${site.value} ${site.confidence}`), ['1006 likely']);
	});

	test('this.close(code, reason) of a class with its own close(): a close on the wire only when that method sends the code on', () => {
		const node = (closeBody: string) => lines("const WebSocket = require('ws');", 'class Node {',
			"	connect() { this.socket = new WebSocket('ws://x'); this.socket.on('close', (code, reason) => this.close(code, reason)); }",
			`	close(code, reason) { ${closeBody} }`,
			"	beat() { setInterval(() => { if (!this.alive) this.close(500, 'Heartbeat timeout'); }, 1000); }",
			"	fail() { this.socket.close(500, 'Force reconnect'); }",
			'}');
		// Lavalink's shape: close() is the close handler (it tidies up and reconnects), so close(500, …) throws nothing.
		const handler = problems(node("this.socket = null; this.emit('disconnect', { code, reason });"), { fileName: 'node.js' });
		assert.deepEqual(handler.map((problem) => `${problem.rule} ${problem.text}`), ['invalid-close-code 500'], 'only the socket\'s own close(500)');
		assert.match(node('').split('\n')[5], /this\.socket\.close\(500/);
		assert.equal(handler[0].start, node("this.socket = null; this.emit('disconnect', { code, reason });").indexOf("500, 'Force"));
		// A close() that sends the code on: this.close(500, …) throws in ws too, and the listener forwards a received code.
		const forwarding = problems(node('this.socket.close(code, reason);'), { fileName: 'node.js' });
		assert.deepEqual(forwarding.map((problem) => `${problem.rule} ${problem.text}`), ['forwarded-close-code code', 'invalid-close-code 500', 'invalid-close-code 500']);
	});

	test('a ws server brought in by a named import or require: its connection sockets follow ws rules (TypeError)', () => {
		for (const header of ["const { WebSocketServer } = require('ws');", "import { WebSocketServer } from 'ws';"]) {
			const text = lines(header, 'const wss = new WebSocketServer({ port: 8080 });', "wss.on('connection', (peer) => {", '\tpeer.close(2000);', '});');
			const [problem] = problems(text, { fileName: 'server.js' });
			assert.equal(problem?.rule, 'unassigned-close-code', header);
			assert.equal(problem.severity, 'error', header);
			assert.match(problem.message, /TypeError/, header);
		}
	});
});
