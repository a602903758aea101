import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { lines, sitesIn, siteTexts } from './helpers';

const wsImport = "import WebSocket from 'ws';";

describe('recognition: one fixture per evidence rule', () => {
	test('closeArgument: the first argument of close(), in any numeric form', () => {
		const text = lines(wsImport, 'declare const ws: WebSocket;', "ws.close(1001, 'bye');", 'ws.close(1e3);', 'ws.close(0x3E9);', 'ws.close(0o1750);');
		assert.deepEqual(sitesIn(text).map(({ text, value, role, rule }) => ({ text, value, role, rule })), [
			{ text: '1001', value: 1001, role: 'send', rule: 'closeArgument' },
			{ text: '1e3', value: 1000, role: 'send', rule: 'closeArgument' },
			{ text: '0x3E9', value: 1001, role: 'send', rule: 'closeArgument' },
			{ text: '0o1750', value: 1000, role: 'send', rule: 'closeArgument' },
		]);
	});

	test('closeArgument: a socket-like receiver or a reason is enough evidence in a file without imports', () => {
		assert.deepEqual(siteTexts('socket.close(4001);\nthing.close(4002, "expired");'), ['4001', '4002']);
		assert.deepEqual(siteTexts('modal.close(300);'), [], 'an animation duration on a non-socket close() is not a code');
	});

	test('closeArgument: climbs through ternaries and fallbacks to the close() call', () => {
		const text = lines(wsImport, 'declare const ws: WebSocket; declare const ok: boolean; declare const c: number | undefined;',
			"ws.close(ok ? 1000 : 1011, 'done');", 'ws.close(c ?? 1000);');
		assert.deepEqual(siteTexts(text), ['1000', '1011', '1000']);
	});

	test('closeEventInit: new CloseEvent(type, { code })', () => {
		const sites = sitesIn("const event = new CloseEvent('close', { code: 1006, reason: '' });");
		assert.deepEqual(sites.map((site) => [site.text, site.rule, site.role]), [['1006', 'closeEventInit', 'receive']]);
	});

	test('comparison: event.code in a WHATWG close handler', () => {
		const text = lines("const socket = new WebSocket('wss://x');", 'socket.onclose = (event) => {', '  if (event.code === 1001) reconnect();',
			'  if (event.code !== 1000 && event.code != 1005) report();', '};');
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule, site.confidence]), [
			['1001', 'comparison', 'certain'], ['1000', 'comparison', 'certain'], ['1005', 'comparison', 'certain'],
		]);
	});

	test('comparison: the code parameter of a ws close listener, and range checks', () => {
		const text = lines(wsImport, 'declare const ws: WebSocket;', 'ws.on("close", (code, reason) => {',
			'  if (code === 1006) retry();', '  if (code >= 3000 && code <= 4999) app(reason);', '});');
		assert.deepEqual(siteTexts(text), ['1006', '3000', '4999']);
	});

	test('comparison: addEventListener, destructured codes, CloseEvent-typed parameters and onClose functions', () => {
		const text = lines(
			"socket.addEventListener('close', ({ code }) => { if (code === 1012) later(); });",
			'function handle(e: CloseEvent) { return e.code === 1013; }',
			'function onClose(code: number) { return code === 1011; }',
			'function shouldReconnect(event: CloseEvent) { const { code } = event; return code !== 1008; }',
		);
		assert.deepEqual(siteTexts(text), ['1012', '1013', '1011', '1008']);
	});

	test('caseLabel: switch on the received code', () => {
		const text = lines('ws.onclose = (e) => {', '  switch (e.code) {', '    case 1000: return;', '    case 1001:', '    case 1e3 /* Normal */: break;',
			'    default: retry(2000);', '  }', '};');
		assert.deepEqual(siteTexts(text), ['1000', '1001', '1e3']);
	});

	test('codeList: arrays and sets checked against the received code', () => {
		const text = lines(wsImport, 'declare const ws: WebSocket;', 'ws.on("close", (code) => {', '  if ([1001, 1006].includes(code)) retry();',
			'  if (new Set([1012, 1013]).has(code)) later();', '});');
		assert.deepEqual(siteTexts(text), ['1001', '1006', '1012', '1013']);
	});

	test('fallback: the value a missing code is reported as', () => {
		const text = lines('socket.onclose = (event) => {', '  const code = event.code ?? 1005;', '  const other = event.code || 1006;', '};');
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule]), [['1005', 'fallback'], ['1006', 'fallback']]);
	});

	test('codeProperty: { code, reason } objects and closeCode properties', () => {
		const text = lines(wsImport, "const closeWith = { code: 4000, reason: 'kicked' };", 'const options = { closeCode: 1000, timeout: 3000 };');
		assert.deepEqual(siteTexts(text), ['4000', '1000']);
	});

	test('codeAssignment: assignments to fields that hold a close code', () => {
		const text = lines(wsImport, 'class Conn { closeCode = 0; stop() { this.closeCode = 4001; } }');
		assert.deepEqual(siteTexts(text), ['4001']);
	});

	test('defaultParameter: close(code = 1000, reason)', () => {
		const text = lines(wsImport, 'function closeConnection(socket: WebSocket, code = 1000, reason = "", timeoutMs = 3000) {',
			'  socket.close(code, reason);', '}');
		assert.deepEqual(siteTexts(text), ['1000']);
	});

	test('assertion: test assertions on a received code', () => {
		const text = lines(wsImport, 'declare const ws: WebSocket;', 'ws.on("close", (code) => {', '  assert.strictEqual(code, 1001);',
			'  expect(code).toBe(1000);', '  expect(code).not.toEqual(1006);', '  assert.equal(elapsed, 1000);', '});');
		assert.deepEqual(siteTexts(text), ['1001', '1000', '1006']);
	});

	test('closeCodeContainer: enums and objects named as close codes, including declare enum and compiled enums', () => {
		const enumSource = lines('export enum CloseCode {', '  GoingAway = 1001,', '  Unauthorized = 4401,', '}',
			'export declare enum WsCloseCodes { Normal = 1000 }');
		assert.deepEqual(siteTexts(enumSource), ['1001', '4401', '1000']);
		const compiled = lines('var CloseCode;', '(function (CloseCode) {', '  CloseCode[CloseCode["Normal"] = 1000] = "Normal";',
			'  CloseCode[CloseCode["Forbidden"] = 4403] = "Forbidden";', '})(CloseCode || (CloseCode = {}));');
		assert.deepEqual(siteTexts(compiled, 'enum.js'), ['1000', '4403']);
		const object = 'export const CLOSE_CODES = { NORMAL: 1000, GOING_AWAY: 1001 } as const;';
		assert.deepEqual(siteTexts(object), ['1000', '1001']);
		const frozen = "const CloseCode = Object.freeze({ GOING_AWAY: 1001, port: 3000 });";
		assert.deepEqual(siteTexts(frozen, 'frozen.js'), ['1001'], 'Object.freeze objects, without their contrary members');
	});

	test('closeCodeName and aliasName: constants whose names say they are close codes', () => {
		const text = lines('const WS_CLOSE_NORMAL = 1000;', 'const GOING_AWAY = 1001;', 'const RETRY_CLOSE_CODES = [1001, 1006];');
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule]), [
			['1000', 'closeCodeName'], ['1001', 'aliasName'], ['1001', 'closeCodeName'], ['1006', 'closeCodeName'],
		]);
	});

	test('usedAsCloseCode: a constant or enum member used where a close code goes, and the name itself', () => {
		const text = lines(wsImport, 'declare const ws: WebSocket;', 'const SHUTDOWN = 4000;', 'enum Reasons { Kicked = 4010 }',
			'const RETRYABLE = [1012, 1013];', "ws.close(SHUTDOWN, 'bye');", "ws.close(Reasons.Kicked, 'kicked');",
			'ws.on("close", (code) => RETRYABLE.includes(code));');
		const sites = sitesIn(text);
		assert.deepEqual(sites.map((site) => [site.text, site.value, site.rule]), [
			['4000', 4000, 'usedAsCloseCode'], ['4010', 4010, 'usedAsCloseCode'], ['1012', 1012, 'usedAsCloseCode'],
			['1013', 1013, 'usedAsCloseCode'], ['SHUTDOWN', 4000, 'closeArgument'], ['Reasons.Kicked', 4010, 'closeArgument'],
		]);
	});

	test('a shadowing declaration wins over an outer one', () => {
		const text = lines(wsImport, 'declare const ws: WebSocket;', 'const CODE_A = 4000;', 'function f() {', '  const CODE_A = 4001;',
			'  ws.close(CODE_A);', '}');
		assert.deepEqual(sitesIn(text).filter((site) => site.text === 'CODE_A').map((site) => site.value), [4001]);
	});
});

describe('recognition: confidence', () => {
	test('a close-code name in a file that is not about WebSockets is only likely', () => {
		assert.deepEqual(sitesIn('export const closeCode = 4000;').map((site) => site.confidence), ['likely']);
		assert.deepEqual(sitesIn(`${wsImport}\nexport const closeCode = 4000;`).map((site) => site.confidence), ['certain']);
	});

	test('one alias match in an unrelated enum is likely; two in the same enum are certain', () => {
		assert.deepEqual(sitesIn('enum Errors { ProtocolError = 1002, Parse = 7 }').map((site) => site.confidence), ['likely']);
		assert.deepEqual(sitesIn('enum Codes { GoingAway = 1001, PolicyViolation = 1008 }').map((site) => site.confidence), ['certain', 'certain']);
	});
});

describe('recognition: numbers that are not close codes', () => {
	const negatives: Record<string, string> = {
		'a timeout': 'setTimeout(reconnect, 1000);',
		'an interval': 'setInterval(ping, 3000);',
		'a port': 'server.listen({ port: 3000 });\nconst app = { port: 4000 };',
		'a delay variable': 'let delay = 4000;\nconst RECONNECT_DELAY = 1000;',
		'a numeric separator': `${wsImport}\ndeclare const ws: WebSocket;\nws.close(1_000);`,
		'a size': 'const maxPayload = 1024 * 1000;\nconst buffer = new Uint8Array(4096);',
		'other enums': 'enum HttpStatus { Ok = 200, NotFound = 404 }\nenum Size { Small = 1000, Large = 3000 }',
		'timeouts named after sockets': `${wsImport}\nconst options = { socketTimeout: 4000, heartbeatInterval: 1000 };\nconst WS_CLOSE_TIMEOUT = 3000;`,
		'reconnect intervals': 'const RECONNECT_INTERVALS = [1000, 2000, 5000];',
		'unit conversions': 'const seconds = ms / 1000;\nconst ms = 1e3 * s;',
		'elapsed comparisons': `${wsImport}\nif (elapsed < 1000) wait();\nif (Date.now() - start > 3000) giveUp();`,
		'literal types in declarations': 'export type Code = 1000 | 1001;\nexport interface Close { code: 1000 | 4000 }',
		'a fraction or negative': `${wsImport}\ndeclare const ws: WebSocket;\nws.close(-1);\nconst ratio = 1000.5;`,
		'a timeout next to close(code = 1000)': `${wsImport}\nfunction closeConnection(code = 1000, timeout = 1000) { return [code, timeout]; }`,
		'an HTTP status': "res.statusCode = 1000;\nif (response.status === 4000) fail();",
	};
	for (const [what, text] of Object.entries(negatives)) {
		test(`not ${what}`, () => {
			const texts = siteTexts(text);
			if (what === 'a timeout next to close(code = 1000)') {
				assert.deepEqual(texts, ['1000'], 'only the code default, not the timeout default');
				assert.equal(text.indexOf('1000') + '1000'.length <= text.lastIndexOf('1000'), true);
				assert.deepEqual(sitesIn(text).map((site) => site.rule), ['defaultParameter']);
				return;
			}
			assert.deepEqual(texts, []);
		});
	}
});

describe('recognition: robustness', () => {
	test('malformed code still yields the sites that can be seen', () => {
		const text = lines(wsImport, 'ws.close(1001, ', 'if (event.code === ) {', 'function (');
		assert.deepEqual(siteTexts(text), ['1001']);
	});

	test('JSX files parse as JSX', () => {
		const text = lines(wsImport, 'export const View = () => <button onClick={() => ws.close(4000)}>Leave</button>;');
		assert.deepEqual(siteTexts(text, 'view.tsx'), ['4000']);
		assert.deepEqual(siteTexts(text.replace(': WebSocket', ''), 'view.jsx'), ['4000']);
	});
});
