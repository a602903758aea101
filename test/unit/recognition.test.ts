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

	test('closeArgument: in a WebSocket file, close() on a receiver named as another resource is no close code', () => {
		const text = lines("const WebSocket = require('ws');", 'pool.close(1005);', 'db.close(1000);', 'this.file.close(3000);', 'userDatabase.close(1001);',
			'peer.close(4000);', 'this.connection.close(4001);');
		assert.deepEqual(sitesIn(text, 'server.js').map((site) => `${site.text} ${site.confidence}`), ['4000 certain', '4001 certain']);
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

	test('codeList: a constant list of names checked against the received code makes those constants close codes', () => {
		const text = lines('const Errors = { BadRate: 4000, AuthFailed: 4001, Busy: 4029 } as const;',
			'const FATAL = new Set<number>([Errors.BadRate, Errors.AuthFailed]);', 'const RETRY = [Errors.Busy];',
			'const ws = new WebSocket(url);', 'ws.onclose = ({ code }) => { if (FATAL.has(code)) stop(); else if (RETRY.includes(code)) retry(); };');
		assert.deepEqual(siteTexts(text), ['4000', '4001', '4029', 'Errors.BadRate', 'Errors.AuthFailed', 'Errors.Busy']);
	});

	test('codeList: a fallback list kept in a constant and checked against the received code', () => {
		const text = lines(wsImport, 'export function connect(url: string, opts: { noReconnect?: number[] } = {}) {', '  const ws = new WebSocket(url);',
			'  const fatal = opts.noReconnect ?? [4001, 4003];', '  const delays = opts.delays ?? [1000, 3000];',
			'  ws.on("close", (code) => { if (!fatal.includes(code)) setTimeout(() => connect(url, opts), delays[0]); });', '}');
		assert.deepEqual(siteTexts(text), ['4001', '4003']);
	});

	test('codeList: not a list of names checked against something else, nor one that is not a constant', () => {
		const text = lines('const Ports = { Api: 3000, Admin: 4000 } as const;', 'const Delays = { Short: 1000, Long: 3000 } as const;',
			'const OPEN = new Set<number>([Ports.Api, Ports.Admin]);', 'let SLOW = [Delays.Short, Delays.Long];',
			'const ws = new WebSocket(url);', 'ws.onclose = ({ code }) => { if (OPEN.has(server.port)) log(); if (SLOW.includes(code)) retry(); };');
		assert.deepEqual(siteTexts(text), []);
	});

	test('lookupKey: keys that name constants (`[Errors.AuthFailed]: …`) of a table looked up by the received code', () => {
		const text = lines('const Errors = { BadRate: 4000, AuthFailed: 4001 } as const;',
			"const Messages: Record<number, string> = { [Errors.BadRate]: 'Bad sample rate', [Errors.AuthFailed]: 'Not authorized' };",
			'const ws = new WebSocket(url);', 'ws.onclose = ({ code, reason }) => { if (code in Messages) reason = Messages[code]; };');
		assert.deepEqual(siteTexts(text), ['4000', '4001', 'Errors.BadRate', 'Errors.AuthFailed']);
	});

	test('lookupKey: not the named keys of a table looked up by something else', () => {
		const text = lines('const Sizes = { Small: 1000, Large: 4000 } as const;',
			"const Labels: Record<number, string> = { [Sizes.Small]: 'small', [Sizes.Large]: 'large' };",
			'const ws = new WebSocket(url);', 'ws.onclose = ({ code }) => { log(Labels[image.width], code); };');
		assert.deepEqual(siteTexts(text), []);
	});

	test('lookupKey: a received code cast to the type of a group (an enum, an alias of an object\'s values) makes its members close codes', () => {
		const text = lines('enum GatewayCode { UnknownError = 4000, AuthFailed = 4004 }', 'const Errors = { BadRate: 4000, Busy: 4029 } as const;',
			'type ErrorCode = (typeof Errors)[keyof typeof Errors];', 'const ws = new WebSocket(url);',
			'ws.onclose = (e) => { report(e.code as GatewayCode); describe(<ErrorCode>e.code); };');
		assert.deepEqual(siteTexts(text), ['4000', '4004', '4000', '4029']);
	});

	test('lookupKey: a parameter typed as a group whose value is sent with close() or received in a close listener', () => {
		const text = lines(wsImport, 'enum AppCode { Kicked = 4000, Banned = 4001 }', 'enum GatewayCode { AuthFailed = 4004 }',
			'export function kick(ws: WebSocket, code: AppCode) { ws.close(code); }',
			'export function watch(ws: WebSocket) { ws.on("close", (code: GatewayCode) => log(code)); }');
		assert.deepEqual(siteTexts(text), ['4000', '4001', '4004']);
	});

	test('lookupKey: not a group typing a parameter that holds something else', () => {
		const text = lines(wsImport, 'enum Port { Api = 3000, Admin = 4000 }', 'enum Delay { Short = 1000 }',
			'export function listen(ws: WebSocket, port: Port) { server.listen(port); ws.close(1000); }',
			'export function later(ws: WebSocket, delay: Delay) { setTimeout(() => ws.close(), delay); }');
		assert.deepEqual(siteTexts(text), ['1000']);
	});

	test('lookupKey: not a group cast from something else, nor an alias of another shape', () => {
		const text = lines('enum Size { Small = 1000, Large = 4000 }', 'const Delays = { Short: 1000, Long: 3000 } as const;',
			'type DelayName = keyof typeof Delays;', 'const ws = new WebSocket(url);',
			'ws.onclose = (e) => { render(e.reason as unknown as Size); wait(e.code as unknown as DelayName); };');
		assert.deepEqual(siteTexts(text), []);
	});

	test('iteratedList: a field of the rows of a list searched by the received code (find, some, for…of, destructured rows)', () => {
		const text = lines("const ERRORS = [{ code: 4001, message: 'Unauthorized' }, { code: 4003, message: 'Forbidden' }];",
			"const FATAL = [{ status: 4400, label: 'bad' }];", "const RETRY = [{ code: 1012 }];", 'const ws = new WebSocket(url);',
			'ws.onclose = (event) => {', '  const info = ERRORS.find((e) => e.code === event.code);',
			'  if (FATAL.some(({ status }) => status === event.code)) stop();', '  for (const row of RETRY) if (row.code === event.code) retry();', '};');
		assert.deepEqual(siteTexts(text), ['4001', '4003', '4400', '1012']);
	});

	test('iteratedList: not the rows of a list searched by something else, nor another field', () => {
		const text = lines("const PORTS = [{ port: 3000, name: 'api' }, { port: 4000, name: 'admin' }];",
			"const ROWS = [{ code: 4001, delay: 1000 }];", 'const ws = new WebSocket(url);',
			'ws.onclose = (event) => {', '  const api = PORTS.find((p) => p.port === server.port);',
			'  const late = ROWS.find((r) => r.delay === event.code);', '};');
		assert.deepEqual(siteTexts(text), ['1000']);
	});

	test('assertion: close events read from a stream of them (socket.listener(\'close\')), awaited, iterated or settled together', () => {
		const text = lines("const WebSocket = require('ws');", "it('closes', async () => {",
			"  let reply = await client.listener('disconnect').once();", '  assert.equal(reply.code, 4000);',
			"  for await (const closed of socket.listener('close')) assert.equal(closed.code, 4001);",
			"  let results = await Promise.all([server.listener('closure').once(500), client.listener('message').once()]);",
			'  assert.equal(results[0].code, 4002);', '  assert.equal(results[1].code, 4003);', '});');
		assert.deepEqual(siteTexts(text, 'test.js'), ['4000', '4001', '4002']);
	});

	test('assertion: not the events of another stream, nor a variable assigned something else later', () => {
		const text = lines("const WebSocket = require('ws');", "it('errs', async () => {",
			"  let reply = await client.listener('close').once();", '  reply = await client.listener(\'error\').once();', '  assert.equal(reply.code, 4000);',
			"  for await (const failure of socket.listener('error')) assert.equal(failure.code, 4001);", '});');
		assert.deepEqual(siteTexts(text, 'test.js'), []);
	});

	test('closeArgument: a close right after a message that announced its code, on any receiver; pusher:error codes', () => {
		const text = lines('function kickUser(sockets, userId) {', '  sockets.forEach((member) => {',
			"    member.sendJson({ event: 'pusher:error', data: { code: 4009, message: 'You got disconnected by the app.' } });",
			'    try {', '      member.end(4009);', '    } catch (e) {}', '  });', '}',
			"function refuse(member) { member.sendJson({ event: 'pusher:error', channel, data: { code: 4301, message: 'No client events' } }); }");
		assert.deepEqual(sitesIn(text, 'namespace.js').map((site) => `${site.text} ${site.rule}`), ['4009 codeProperty', '4009 closeArgument', '4301 codeProperty']);
	});

	test('closeArgument: not a close with another number than the message, nor another kind of message', () => {
		const text = lines('function drop(member) {', "  member.sendJson({ event: 'notice', data: { code: 4009 } });", '  member.end(4010);', '}',
			"function slow(member) { member.sendJson({ event: 'progress', data: { code: 3000, done: false } }); }");
		assert.deepEqual(siteTexts(text, 'namespace.js'), []);
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

	test('closeEventArgument: positional close events — emit("close", code, reason) and close-event factories', () => {
		const text = lines(
			"import { EventEmitter } from 'node:events';",
			'class Transport extends EventEmitter {',
			"  broken() { this.emit('close', 1006, 'connection broken'); }",
			"  data() { this.emit('data', 1000, 'not a close'); }",
			'}',
			"const event = createCloseEvent(1006, 'connection failed');",
			"const later = new Driver.CloseEvent(1001, 'going away');",
		);
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule]), [
			['1006', 'closeEventArgument'], ['1006', 'closeEventArgument'], ['1001', 'closeEventArgument'],
		]);
	});

	test('closeHelperArgument: this file\'s helpers whose parameter reaches a close, followed through the data flow', () => {
		const text = lines(
			'function closeWithFrame(target, code, reason) {',
			'  const frame = { code, reason };',
			'  target.send(frame);',
			'}',
			'function failConnection(handler, status, why) {',
			'  closeWithFrame(handler.socket, status, why);',
			'}',
			"failConnection(handler, 1002, 'Invalid frame header');",
			'class Session {',
			'  drop(code, message) { this.transport.close(code, message); }',
			"  expire() { this.drop(4008, 'expired'); }",
			'  wait() { this.pause(3000); }',
			'}',
		);
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule]), [['1002', 'closeHelperArgument'], ['4008', 'closeHelperArgument']]);
	});

	test('closeHelperArgument: helpers from other files, by their name and the reason that follows the code', () => {
		const text = lines(
			"import { failWebsocketConnection } from './connection';",
			"failWebsocketConnection(this.handler, 1009, 'Payload too large');",
			"closeAndRetry(410, 3410, 'session gone');",
			"socket.onClose(1006, 'Connection interrupted (' + status + ')', false);",
			'mockWebSocket.triggerClose(1000);',
		);
		assert.deepEqual(siteTexts(text), ['1009', '3410', '1006', '1000']);
	});

	test('closeHelperArgument: a reason held by a name that says so (`CLOSE_DESCRIPTION_NO_HEARTBEAT`), not a length or a code', () => {
		const text = lines(
			'var CLOSE_REASON_NO_HEARTBEAT = 3001;',
			"var CLOSE_DESCRIPTION_NO_HEARTBEAT = 'No heartbeat received';",
			'this._wsProvider.disconnect(CLOSE_REASON_NO_HEARTBEAT, CLOSE_DESCRIPTION_NO_HEARTBEAT);',
			'provider.disconnect(4002, kickMessage);',
			'queue.disconnect(3002, messageCount);',
			'pool.disconnect(3003, reasonCode);',
		);
		assert.deepEqual(siteTexts(text), ['3001', 'CLOSE_REASON_NO_HEARTBEAT', '4002']);
	});

	test('closeHelperArgument: ending verbs on a socket, and close helpers handed the socket', () => {
		const text = lines(
			"connection.drop(1006, 'TCP connection lost before handshake completed.', true);",
			"client.kick(4001, 'banned');",
			'safeClose(peer, 1011);',
			'closeSocket(this.ws, 4000);',
			"list.drop(1000, 'items');",
			"stream.end(1000, 'utf8');",
		);
		assert.deepEqual(siteTexts(text), ['1006', '4001', '1011', '4000']);
		const library = lines(wsImport, "protocolError(this.handler, 1002, 'Unexpected opcode');", "logAfter(socket, 3000, 'slow');");
		assert.deepEqual(sitesIn(library).map((site) => [site.text, site.confidence]), [['1002', 'likely']]);
	});

	test('inlinedEnum: const-enum members inlined by a compiler, and the switch they label', () => {
		const text = lines(
			'function onClose(status) {',
			'  switch (status) {',
			'    case 1e3 /* Normal */:',
			'      return;',
			'    case 4004 /* AuthenticationFailed */:',
			'      throw new Error("auth");',
			'  }',
			'}',
			'if (shard.lastCode === 4000 /* GatewayCloseCodes.UnknownError */) resume();',
			'const wait = 1000 /* Second */;',
			'function onShardClose(shard, event) {',
			'  switch (event) {',
			'    case 1e3 /* Normal */: return shard.destroy();',
			'    case 4200 /* Resuming */: return shard.resume();',
			'  }',
			'}',
		);
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule]), [
			['1e3', 'caseLabel'], ['4004', 'caseLabel'], ['4000', 'inlinedEnum'], ['1e3', 'caseLabel'], ['4200', 'caseLabel'],
		]);
	});

	test('comparison: an object whose wasClean is read is a close event', () => {
		const text = lines('function stopped(e) {', '  if (e && (e.wasClean === false || e.code !== 1000)) report(e);', '  return e.elapsed > 3000;', '}');
		assert.deepEqual(siteTexts(text), ['1000']);
	});

	test('returnedCode: values returned by a function whose result is a close code', () => {
		const text = lines(
			'function toWireCode(code) {',
			'  if (code === 1005 || code === 1006) return 1000;',
			'  return code;',
			'}',
			"upstream.on('close', (code, reason) => peer.close(toWireCode(code), reason));",
			'const pick = (error) => (error.fatal ? 4500 : 4400);',
			"socket.close(pick(error), 'bye');",
			'function delayFor(attempt) { return attempt > 3 ? 5000 : 1000; }',
			'setTimeout(retry, delayFor(attempt));',
		);
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule]), [
			['1005', 'comparison'], ['1006', 'comparison'], ['1000', 'returnedCode'], ['4500', 'returnedCode'], ['4400', 'returnedCode'],
		]);
	});

	test('codeAssignment: a field named as a close reason code', () => {
		const text = lines(wsImport, 'class Connection { onFrame() { this.closeReasonCode = 1005; this.closeDescription = "none"; } }');
		assert.deepEqual(siteTexts(text), ['1005']);
	});

	test('closeHelperArgument: the signature (…, code, reason) and the code of a close-event class', () => {
		const text = lines(
			'function shutdown(code, reason, error) { log(code, reason, error); }',
			"shutdown(1011, 'internal error', true);",
			'class ConnectionClosedEvent { constructor(code, reason) { this.detail = [code, reason]; } }',
			"export const closed = new ConnectionClosedEvent(4000, 'kicked');",
		);
		assert.deepEqual(siteTexts(text), ['1011', '4000']);
	});

	test('codeVariable: values stored in a variable that becomes a close code, and downlevelled defaults', () => {
		const text = lines(
			'function onSocketClose(parser, handler) {',
			'  let code = parser.closingInfo?.code ?? 1005;',
			'  if (!parser.receivedClose) {',
			'    code = 1006;',
			'  }',
			"  handler.dispatch(new CloseEvent('close', { wasClean: false, code, reason: '' }));",
			'}',
			'Client.prototype.close = function (code, reason) {',
			'  if (code === void 0) { code = 1000; }',
			'  this._ws.close(code, reason);',
			'};',
			'W.prototype.disconnect=function(e,t){void 0===e&&(e=1e3),this._ws&&this._ws.close(e,t)};',
		);
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule]), [
			['1005', 'codeVariable'], ['1006', 'codeAssignment'], ['1000', 'codeAssignment'], ['1e3', 'codeAssignment'],
		]);
	});

	test('comparison: bounds in a close-code validity check, and a variable the received code is copied into', () => {
		const text = lines(
			'export function isValidStatusCode(code) {',
			'  return (code >= 1000 && code <= 1014 && code !== 1004) || (code >= 3000 && code <= 4999);',
			'}',
			"transport.on('close', (e) => {",
			'  let t = e.code;',
			'  if ((t >= 3500 && t < 4000) || t === 1009) giveUp();',
			'});',
		);
		assert.deepEqual(siteTexts(text), ['1000', '1014', '1004', '3000', '4999', '3500', '4000', '1009']);
	});

	test('comparison: a close listener passed by name, with bind("closed", …)', () => {
		const text = lines(
			'const onClosed = (event) => {',
			'  if (event.code === 1002 || event.code === 1003) manager.reportDeath();',
			'};',
			"connection.bind('closed', onClosed);",
		);
		assert.deepEqual(siteTexts(text), ['1002', '1003']);
	});

	test('codeProperty: close-event classes, wasClean objects and objects handed to close handling', () => {
		const text = lines(
			'class Terminated extends Error {',
			"  code = 4499;",
			"  reason = 'Terminated';",
			'}',
			"transport.emit('closed', { wasClean: true, code: 1002 });",
			'expect(protocol.getCloseAction({ code: 4100 })).toBe(\'backoff\');',
		);
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule]), [['4499', 'codeProperty'], ['1002', 'codeProperty'], ['4100', 'codeProperty']]);
	});

	test('codeAssignment: a close event built field by field, and a close status stored on an error', () => {
		const text = lines(
			'function makeClose(code, reason) {',
			"  const ev = createEvent('close');",
			'  ev.wasClean = true;',
			"  ev.code = typeof code === 'number' ? code : 1000;",
			'  ev.reason = reason;',
			'  return ev;',
			'}',
			'function inflateFailed(err) {',
			'  err[kStatusCode] = 1007;',
			'  callback(err);',
			'}',
		);
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule]), [['1000', 'codeAssignment'], ['1007', 'codeAssignment']]);
	});

	test('calledWith: assertions that a close function or handler was called with a code', () => {
		const text = lines(
			"const closeSpy = vi.spyOn(socket, 'close');",
			"expect(closeSpy).toHaveBeenCalledWith(1001, 'Client is leaving');",
			"expect(socket.onClose).toHaveBeenCalledWith(1006, 'Connection interrupted (500)', false);",
			'expect(setTimeoutSpy).toHaveBeenCalledWith(expect.any(Function), 1000);',
		);
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule]), [['1001', 'calledWith'], ['1006', 'calledWith']]);
	});

	test('descriptionKey: the numeric keys of a table that describes close codes', () => {
		const text = lines(
			'Connection.CLOSE_DESCRIPTIONS = {',
			"  1000: 'Normal connection closure',",
			"  1001: 'Remote peer is going away',",
			"  1003: 'Unprocessable input',",
			'};',
			"const unnamed = { 1002: 'Protocol error', 1008: 'Policy violation', 1011: 'Internal server error' };",
			"const tiers = { 1000: 'bronze', 3000: 'silver', 4000: 'gold' };",
		);
		assert.deepEqual(siteTexts(text), ['1000', '1001', '1003', '1002', '1008', '1011']);
	});

	test('closeCodeContainer: esbuild-renamed and minified compiled enums, and enums exported under a close-code name', () => {
		const esbuild = lines('var CloseCode = /* @__PURE__ */ ((CloseCode2) => {', '  CloseCode2[CloseCode2["InternalServerError"] = 4500] = "InternalServerError";',
			'  CloseCode2[CloseCode2["ConnectionInitialisationTimeout"] = 4408] = "ConnectionInitialisationTimeout";', '  return CloseCode2;', '})(CloseCode || {});');
		assert.deepEqual(siteTexts(esbuild, 'common.js'), ['4500', '4408']);
		const minified = 'var i=(e=>(e[e.InternalServerError=4500]="InternalServerError",e[e.BadRequest=4400]="BadRequest",e))(i||{});exports.CloseCode=i;';
		assert.deepEqual(siteTexts(minified, 'bundle.min.js'), ['4500', '4400']);
	});

	test('closeCodeContainer: member names with contrary words inside a close-code enum, and tables named by their members', () => {
		const text = lines(
			'export declare enum GatewayCloseCodes { UnknownError = 4000, SessionTimedOut = 4009, InvalidAPIVersion = 4012 }',
			'const ERRORS = { normal_closure: 1000, going_away: 1001, protocol_error: 1002, unacceptable: 1003, encoding_error: 1007 };',
		);
		assert.deepEqual(siteTexts(text), ['4000', '4009', '4012', '1000', '1001', '1002', '1003', '1007']);
	});

	test('closeCodeContainer: the other members of an enum one of whose members is used as a close code', () => {
		const text = lines(wsImport, 'declare const ws: WebSocket;', 'enum Kick { Idle = 4001, Banned = 4002, Duplicate = 4003 }', "ws.close(Kick.Banned, 'banned');");
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule, site.confidence]), [
			['4001', 'closeCodeContainer', 'likely'], ['4002', 'usedAsCloseCode', 'certain'], ['4003', 'closeCodeContainer', 'likely'],
			['Kick.Banned', 'closeArgument', 'certain'],
		]);
	});

	test('closeCodeName: the last word decides — TIMEOUT_CLOSE_CODE and maxCloseCode are codes, closeTimeout is not', () => {
		const text = lines('const TIMEOUT_CLOSE_CODE = 4008;', 'const maxCloseCode = 4999;', 'const closeTimeout = 3000;', 'const CLOSE_CODE_TIMEOUT_MS = 1000;');
		assert.deepEqual(siteTexts(text), ['4008', '4999']);
	});

	test('lookupKey: an enum or object tested as a whole against a received code — `code in E`, `E[code]`, `Object.values(X).includes(code)`', () => {
		const text = lines(
			'enum SessionError { BadInput = 4000, NotAuthorized = 4001 }',
			'enum Reverse { Gone = 4002 }',
			'const Known = Object.freeze({ Kicked: 4003, Banned: 4004 });',
			'enum Priority { Low = 1000, High = 3000 }',
			'const Limits = { Small: 1000, Large: 4096 };',
			"const socket = new WebSocket('wss://x');",
			'socket.onclose = (event) => {',
			'\tconst { code } = event;',
			'\tif (code in SessionError) log(Reverse[code]);',
			'\tif (Object.values(Known).includes(code)) stop();',
			'};',
			'function rank(level: number) { return level in Priority || Object.values(Limits).includes(level); }',
		);
		assert.deepEqual(siteTexts(text), ['4000', '4001', '4002', '4003', '4004']);
	});

	test('closeCodeName: [from, to] ranges inside a list named as close codes, not other nested lists', () => {
		const text = lines(
			'const defaults = { wsRetry: { maxAttempts: 5, closeCodes: [[1002, 4399], [4500, 9999]] } };',
			'client.connect({ retry: { closeCodes: [1002, [1003, 1006]] } });',
			'const retryDelays = [[1000, 3000]];',
			'const options = { closeCodes: [[1000, 1001, 1011]] };',
		);
		assert.deepEqual(siteTexts(text), ['1002', '4399', '4500', '1002', '1003', '1006']);
	});

	test('closeCodeName: static constants named as close reasons (WebSocket-Node\'s CLOSE_REASON_*)', () => {
		const text = lines('Connection.CLOSE_REASON_NORMAL = 1000;', 'Connection.CLOSE_REASON_UNPROCESSABLE_INPUT = 1003;', 'Connection.CLOSE_REASON_TIMEOUT_MS = 3000;');
		assert.deepEqual(siteTexts(text), ['1000', '1003']);
	});

	test('usedAsCloseCode: members reached through this (this.ERRORS.protocol_error, this.MIN_RESERVED)', () => {
		const text = lines(
			'const instance = {',
			'  ERROR_CODES: [1000, 1001, 1002],',
			'  MIN_RESERVED: 3000,',
			'  MAX_RESERVED: 4999,',
			'  LIMIT: 4096,',
			'  _shutdown: function (code, reason) { this.frame(reason, "close", code); },',
			'  _check: function (code) {',
			'    if (!(code >= this.MIN_RESERVED && code <= this.MAX_RESERVED) && this.ERROR_CODES.indexOf(code) < 0) code = 1002;',
			'    this._shutdown(code, "bad code");',
			'  },',
			'};',
		);
		assert.deepEqual(siteTexts(text).filter((text) => /^\d/.test(text)), ['1000', '1001', '1002', '3000', '4999', '1002']);
	});

	test('literalType: declaration files — constants as literal types, and literal unions named as close codes', () => {
		const text = lines(
			'export declare const CLOSE_CODES: { readonly NORMAL: 1000; readonly GOING_AWAY: 1001 };',
			'export declare class Codes { static readonly WS_CLOSE_NORMAL: 1000; static readonly PING_INTERVAL_MS: 3000 }',
			'export type AppCloseCode = 4000 | 4001;',
			'export interface ServerCloseEvent { code: 4002 | 4003; wasClean: boolean }',
			'export interface Options { closeCode?: 4004 | 4005; retryDelays: 1000 | 3000 }',
		);
		assert.deepEqual(siteTexts(text, 'index.d.ts'), ['1000', '1001', '1000', '4000', '4001', '4002', '4003', '4004', '4005']);
	});

	test('codeProperty: the expected close event of an assertion', () => {
		const text = lines(
			"socket.addEventListener('close', (event) => {",
			'  expect(event).toMatchObject({ code: 1000 });',
			'});',
			'expect(onClose).toHaveBeenCalledWith(expect.objectContaining({ code: 1006 }));',
			'expect(response).toMatchObject({ code: 1000 });',
		);
		assert.deepEqual(siteTexts(text), ['1000', '1006']);
	});

	test('codeProperty: the expected result of a close function, nested objects included', () => {
		const text = lines(
			"expect(protocol.getCloseError({ code: 1002, reason: 'foo' })).toEqual({ type: 'PusherError', data: { code: 1002, message: 'foo' } });",
			"expect(protocol.processHandshake(message)).toEqual({ error: { data: { code: 4000, message: 'ssl only' } } });",
		);
		assert.deepEqual(siteTexts(text), ['1002', '1002']);
	});

	test('comparison: a check whose failure message is about close codes', () => {
		const text = lines(
			'export function assertValid(code) {',
			"  if (code !== 1000 && (code < 3000 || code > 4999)) throw new RangeError('Invalid close code: ' + code);",
			"  if (code > 1015) log('above the registered range');",
			'}',
		);
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.confidence]), [['1000', 'likely'], ['3000', 'likely'], ['4999', 'likely']]);
	});

	test('assertion: codes resolved by events.once(ws, "close")', () => {
		const text = lines("import { once } from 'node:events';", "const [code, reason] = await once(ws, 'close');", 'assert.equal(code, 1001);');
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule]), [['1001', 'assertion']]);
	});

	test('a shadowing declaration wins over an outer one', () => {
		const text = lines(wsImport, 'declare const ws: WebSocket;', 'const CODE_A = 4000;', 'function f() {', '  const CODE_A = 4001;',
			'  ws.close(CODE_A);', '}');
		assert.deepEqual(sitesIn(text).filter((site) => site.text === 'CODE_A').map((site) => site.value), [4001]);
	});
});

describe('recognition: confidence', () => {
	test('a file that imports a WebSocket library (by its module name) is about WebSockets', () => {
		assert.deepEqual(sitesIn("import { Server } from 'mock-socket';\nexport const closeCode = 4000;").map((site) => site.confidence), ['certain']);
		assert.deepEqual(sitesIn("import { createClient } from 'my-websocket-client';\nexport const closeCode = 4000;").map((site) => site.confidence), ['certain']);
		assert.deepEqual(sitesIn('const kWebSocket = Symbol("websocket");\nexport const closeCode = 4000;').map((site) => site.confidence), ['certain']);
	});

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
		'application error codes beside a message': lines(wsImport,
			'function createError(code, message) { const error = new Error(message); error.code = code; return error; }',
			"throw createError(4000, 'Invalid payload');", "reply({ code: 4001, message: 'Unknown command' });"),
		'an HTTP status beside a status message': lines(
			'function onResponseStart(controller, statusCode, headers, statusMessage) { this.handler.start(statusCode, statusMessage); }',
			"onResponseStart(controller, 1000, headers, 'OK');"),
		'delays handed to close-named helpers': lines("client.reconnect(1000);", 'scheduleClose(3000);', "session.closeTimeout(4000, 'idle');",
			'scheduleClose(ws, 3000);', 'closeAfter(socket, 4000);', 'deferClose(peer, 1000);', "httpClient.end(1000, 'utf8');"),
		'a timeout parameter of a close function': lines('function closeAll(sockets, timeoutMs = 3000) { return [sockets, timeoutMs]; }',
			'function close(socket, timeout) { setTimeout(() => socket.destroy(), timeout); }', 'close(socket, 3000);'),
		'assert.fail': "assert.fail(1000, 1001, 'values differ');",
		'small numbers in close-event objects': lines(wsImport, "const frame = { code: 3, reason: 'x' };", 'enum Op { Close = 8 }',
			"send({ code: Op.Close, reason: 'bye' });", 'class Frame { code = 0x8; reason = ""; }'),
		'a minified function of another module with the same short name': lines(
			'!function(){function n(e,t){this.ws.close(e,t)}window.a=n}();', "!function(){function n(e,t){return e+t}n(1000,'x')}();"),
		'a number table that is not about closing': "const tiers = { 1000: 'bronze', 3000: 'silver' };",
		'an error code caught in a WebSocket file': lines(wsImport, 'try { await wallet.request(); } catch (e) { if (e.code === 4001) cancelled(); }',
			"ws.on('error', (err) => { if (err.code === 1006) retry(); });", 'promise.catch((ev) => ev.code === 4100 && denied());'),
		'mangled method names shared by every class of a bundle': lines(
			'class A{w(e,t){this.socket.close(e,t)}}', 'class B{w(t,s,i){return i<128?1:i<2048?2:3}encode(c){return this.w(0,0,c)}}',
			"class C{f(e){this.w(1000,'x')}}"),
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

describe('recognition: what the data flow must not do', () => {
	test('an error-code enum beside a close-code enum keeps its values', () => {
		const errors = 'export enum RPCErrorCodes { UnknownError = 1000, InvalidPayload = 4000 }';
		const closes = 'export enum RPCCloseEventCodes { InvalidClientId = 4000, InvalidOrigin = 4001 }';
		assert.deepEqual(siteTexts(lines(errors, closes)), ['4000', '4001']);
		assert.deepEqual(siteTexts(lines(errors, closes, "ws.close(RPCCloseEventCodes.InvalidOrigin, 'origin');")).filter((text) => /^\d/.test(text)), ['4000', '4001']);
		assert.deepEqual(siteTexts(errors), []);
	});

	test('a variable assigned again is not a constant: its uses show no value', () => {
		const text = lines(wsImport, 'declare const ws: WebSocket;', 'let code = 1000;', 'if (failed) code = 1011;', "ws.close(code, 'done');");
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule]), [['1000', 'codeVariable'], ['1011', 'codeAssignment']]);
	});
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

	test('values defined through themselves end: var code = code || 1000, a promise resolved with itself, async functions awaiting each other', () => {
		const text = lines('function stop(ws, code) {', '  var code = code || 1000;', '  if (code === 4001) log();', '  ws.close(code);', '}',
			"import WebSocket from 'ws';", 'declare const ws: WebSocket;', "const p: Promise<number> = new Promise((r) => ws.on('x', async () => r(await p)));",
			'async function f(): Promise<number> { return await g(); }', 'async function g(): Promise<number> { return (await f()) ?? (await p); }',
			'export async function run() { const q = await p; if (q === 4002) stop(); const z = await f(); if (z === 4003) stop(); }');
		assert.deepEqual(siteTexts(text), ['1000', '4001']);
	});
});

describe('recognition: test code in other assertion styles', () => {
	test('should.js chains and should(…), assertEquals, on a received close code', () => {
		const handler = (body: string) => lines(`ws.addEventListener('close', function (evt) {`, `\t${body}`, '});');
		for (const body of ['evt.code.should.equal(1000);', 'evt.code.should.be.exactly(1000);', 'should(evt.code).equal(1000);', 'assertEquals(evt.code, 1000);']) {
			assert.deepEqual(sitesIn(handler(body), 'test.js').map((site) => [site.text, site.rule, site.role]), [['1000', 'assertion', 'receive']], body);
		}
		// Not a close code: the same assertion on something that is not one.
		assert.deepEqual(siteTexts(lines('const count = items.length;', 'count.should.equal(1000);', 'assertEquals(total, 3000);'), 'test.js'), []);
	});

	test('a listener wrapped by the test (sinon.spy(fn), jest.fn(fn), wrap(fn, done)) is the close handler it wraps', () => {
		for (const wrapped of ['sinon.spy(function (evt) { evt.code.should.equal(1012); })', 'jest.fn((evt) => expect(evt.code).toBe(1012))',
			'wrap(function (evt) { assert.equal(evt.code, 1012); }, done)']) {
			assert.deepEqual(siteTexts(`ws.onclose = ${wrapped};`, 'test.js'), ['1012'], wrapped);
		}
		// Two functions handed to the wrapper: which one runs is unknown, so neither counts.
		assert.deepEqual(siteTexts("ws.onclose = either(function (a) { a.code.should.equal(1012); }, function (b) { b.code.should.equal(3000); });", 'test.js'), []);
	});
});

describe('recognition: lists walked into close()', () => {
	test('for…of, forEach and map over an inline or a const array, when the loop variable is sent with close()', () => {
		const head = "import WebSocket from 'ws';\ndeclare const ws: WebSocket;\n";
		assert.deepEqual(siteTexts(`${head}for (const code of [4000, 4001]) { ws.close(code); }`), ['4000', '4001']);
		assert.deepEqual(siteTexts(`${head}[1000, 1001].forEach((code) => ws.close(code));`), ['1000', '1001']);
		assert.deepEqual(siteTexts(`${head}const codes = [1000, 1001];\nfor (const code of codes) ws.close(code);`), ['1000', '1001']);
		assert.deepEqual(sitesIn(`${head}for (const code of [4000]) ws.close(code);`).map((site) => [site.rule, site.confidence]), [['iteratedList', 'certain']]);
	});

	test('lists walked into anything else stay plain numbers (delays, ports)', () => {
		assert.deepEqual(siteTexts(lines('for (const delay of [1000, 2000]) setTimeout(retry, delay);', '[3000, 4000].map((port) => listen(port));',
			'const ports = [3000, 3001];', 'ports.forEach((port) => server.listen(port));')), []);
	});
});

describe('recognition: application code (issue 13)', () => {
	test('the code of what a close-named function returns: nested Jest matchers and awaited results', () => {
		const text = lines("import WebSocket from 'ws';", 'declare const server: { closedWith(): { code: number } | undefined };',
			'expect(server.closedWith()?.code).toBe(1011);', 'const result = await waitForClose(ws);', 'expect(result?.code).toBe(4001);',
			'expect((await nextClose()).code).toEqual(1000);');
		assert.deepEqual(sitesIn(text, 'a.test.ts').map((site) => [site.text, site.rule]), [['1011', 'assertion'], ['4001', 'assertion'], ['1000', 'assertion']]);
	});

	test('the code of other calls or of close() itself stays a number', () => {
		const text = lines('expect(response.json()?.code).toBe(1001);', 'const result = await fetchUser(id);', 'expect(result?.code).toBe(4001);',
			'expect(scheduleClose(ws)?.code).toBe(3000);', 'expect(closeTimeout().code).toBe(1000);');
		assert.deepEqual(siteTexts(text, 'a.test.ts'), []);
	});

	test('range checks with the bounds of the close-code space, whatever the value is called', () => {
		const text = lines('export function isValid(value: number) {', '  return value >= 1000 && value <= 1014 || value >= 3000 && value <= 4999;', '}',
			'if (input.n < 3000 || input.n > 4999) reject();');
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule]),
			[['1000', 'comparison'], ['1014', 'comparison'], ['3000', 'comparison'], ['4999', 'comparison'], ['3000', 'comparison'], ['4999', 'comparison']]);
	});

	test('ranges that lack either bound, or bound a quantity, are not close codes', () => {
		const text = lines('if (value >= 1000 && value <= 5000) ok();', 'if (delayMs >= 1000 && delayMs <= 4999) ok();', 'if (n >= 3000 && n < 5000) ok();',
			'if (x >= 1000 && x <= 1014) ok();');
		assert.deepEqual(siteTexts(text), []);
	});

	test('a close-code table looked up by a literal key', () => {
		const text = lines("const StatusCodes = { 1000: 'Normal Closure', 1001: 'Going Away', 1006: 'Abnormal Closure' };", 'const label = StatusCodes[1000];',
			'const reason = CLOSE_CODES[4001];');
		assert.deepEqual(sitesIn(text).filter((site) => site.text === '1000' || site.text === '4001').map((site) => [site.text, site.rule]),
			[['1000', 'descriptionKey'], ['1000', 'descriptionKey'], ['4001', 'descriptionKey']]);
	});

	test('lookups of other tables by a number stay numbers', () => {
		assert.deepEqual(siteTexts(lines("const timeouts = { 1000: 'fast', 3000: 'slow' };", 'const t = timeouts[1000];', 'const b = buffers[4096];',
			'const m = messages[1001];')), []);
	});

	test('the base of a computed code: 4000 + status where the sum is sent', () => {
		const text = lines("import WebSocket from 'ws';", 'declare const ws: WebSocket;', 'function toWsCode(status: number) { return 4000 + status; }',
			'ws.close(toWsCode(404));', 'ws.close(3000 + offset);');
		assert.deepEqual(siteTexts(text), ['4000', '3000']);
	});

	test('a base plus an offset elsewhere is a number (delays, ports)', () => {
		assert.deepEqual(siteTexts(lines("import WebSocket from 'ws';", 'setTimeout(retry, 4000 + jitter);', 'server.listen(3000 + index);',
			'const n = 1000 + count;')), []);
	});
	test('an error narrowed to a close event by a type guard: isCloseEvent(err) && err.code', () => {
		const text = lines('function onError(err: unknown) {', '  if (isCloseEvent(err)) {', '    if (err.code === 4109) return refresh();', '  }',
			'  return isWebSocketCloseEvent(err) && err.code === 4001;', '}');
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule, site.confidence]), [['4109', 'comparison', 'certain'], ['4001', 'comparison', 'certain']]);
	});

	test('without a close-event guard on that very value, an error code stays a number', () => {
		const text = lines('function onError(err: unknown, other: unknown) {', '  if (isCloseEvent(other)) { if (err.code === 4109) return; }',
			'  if (isHttpError(err) && err.code === 4001) return;', '  if (isCloseEvent(err)) { setTimeout(() => err.code === 4002, 10); }', '}');
		assert.deepEqual(siteTexts(text), []);
	});

	test('an error payload that announces the code of the close that follows it', () => {
		const text = lines("import { WebSocketServer } from 'ws';", 'const wss = new WebSocketServer({ port: 8080 });', "wss.on('connection', (ws) => {",
			"  ws.send(JSON.stringify({ event: 'pusher:error', data: { code: 4009, message: 'Unauthorized' } }));", '  ws.close(4009);',
			'  socket.send({ type: "error", code: 4401 });', '  log("closing");', '  socket.close(4401, "Unauthorized");', '});');
		assert.deepEqual(sitesIn(text).filter((site) => site.rule === 'codeProperty').map((site) => [site.text, site.confidence]), [['4009', 'certain'], ['4401', 'certain']]);
	});

	test('a code sent without a close of the same code after it is an application code', () => {
		const text = lines("import { WebSocketServer } from 'ws';", "wss.on('connection', (ws) => {",
			"  ws.send(JSON.stringify({ event: 'error', data: { code: 4009 } }));", '  ws.close(1000);', "  ws.send(JSON.stringify({ code: 4010 }));",
			'  other.close(4010);', '  ws.send(JSON.stringify({ code: 4011 }));', '});', 'ws.close(4011);');
		assert.deepEqual(sitesIn(text).filter((site) => site.rule === 'codeProperty').map((site) => site.text), []);
		assert.deepEqual(siteTexts(text), ['1000', '4010', '4011'], 'the closes themselves are still recognised');
	});
	test('arguments for a parameter that a test compares with the received code: shouldNotReconnect(1008)', () => {
		const text = lines('function shouldNotReconnect(code) {', '  return function () {', '    ws.onclose = sinon.spy(function (evt) { evt.code.should.equal(code); });',
			'  };', '}', "it('1000', shouldNotReconnect(1000));", "it('1008', shouldNotReconnect(1008));",
			"function expectClose(expected) { socket.addEventListener('close', (e) => { if (e.code !== expected) fail(); }); }", 'expectClose(4001);');
		assert.deepEqual(sitesIn(text, 'a.test.js').map((site) => [site.text, site.rule]), [['1000', 'comparison'], ['1008', 'comparison'], ['4001', 'comparison']]);
	});

	test('a parameter compared with anything but a received code says nothing about its arguments', () => {
		const text = lines('function check(limit) { return items.length === limit; }', 'check(1000);', 'const CODE = 4000;',
			'function same(value) { return value === CODE; }', 'same(4001);', 'function waitFor(ms) { setTimeout(done, ms); }', 'waitFor(3000);');
		assert.deepEqual(siteTexts(text, 'a.test.js'), []);
	});
	test('a rate in a close-code enum member name (PER_SECONDS) is its subject, not a unit of its value', () => {
		const text = lines('enum WebsocketCloseCodes {', '  NOT_ALLOWED = 4001,', '  MAX_NUMBER_OF_MESSAGES_PER_SECONDS = 4002,', '  RECONNECT_DELAY_MS = 3000,', '}');
		assert.deepEqual(siteTexts(text), ['4001', '4002'], 'a member named as a quantity (DELAY_MS) still is no code');
	});
	test('promise results: a code a close listener resolves with, awaited or in .then, whatever its name', () => {
		const text = lines("import WebSocket from 'ws';", 'declare const ws: WebSocket;', "const result = await new Promise((resolve) => ws.once('close', resolve));",
			'if (result === 4001) stop();', "const closed = new Promise((r) => ws.on('close', (code, reason) => r(code)));",
			'closed.then((value) => { if (value !== 1000) report(); });');
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule]), [['4001', 'comparison'], ['1000', 'comparison']]);
	});

	test('promises resolved with anything else stay numbers', () => {
		const text = lines("import WebSocket from 'ws';", 'declare const ws: WebSocket;', "const n = await new Promise((resolve) => ws.once('message', resolve));",
			'if (n === 4001) stop();', 'const t = await new Promise((resolve) => setTimeout(() => resolve(Date.now()), 10));', 'if (t > 3000) slow();',
			"const count = await new Promise((r) => ws.on('close', () => r(items.length)));", 'if (count === 1000) full();');
		assert.deepEqual(siteTexts(text), []);
	});

	test('a spy registered as a ws close listener gets the code first: toHaveBeenCalledWith(1006, …)', () => {
		const text = lines("import WebSocket from 'ws';", 'declare const ws: WebSocket;', 'const spy = jest.fn();', "ws.on('close', spy);",
			'expect(spy).toHaveBeenCalledWith(1006, expect.anything());');
		assert.deepEqual(sitesIn(text, 'a.test.ts').map((site) => [site.text, site.rule]), [['1006', 'calledWith']]);
	});

	test('spies registered for other events, or as DOM listeners (an event object first), say nothing about a number', () => {
		const text = lines("import WebSocket from 'ws';", 'declare const ws: WebSocket;', 'const spy = jest.fn();', "ws.on('message', spy);",
			'expect(spy).toHaveBeenCalledWith(1006);', 'const listener = jest.fn();', "socket.addEventListener('close', listener);",
			'expect(listener).toHaveBeenCalledWith(4000);');
		assert.deepEqual(siteTexts(text, 'a.test.ts'), []);
	});
	test('a received code kept in a field or copied into an object, under a generic name', () => {
		const text = lines('class Client {', '  private status = 0;', '  connect() {', "    const ws = new WebSocket('wss://x');",
			'    ws.onclose = (event) => { this.status = event.code; };', '  }', '  shouldLogout() { return this.status === 4001; }', '}',
			'function handle(ev: CloseEvent) {', '  const info = { type: "CONNECTION_ERROR", code: ev.code };', '  return info.code === 4005;', '}');
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule]), [['4001', 'comparison'], ['4005', 'comparison']]);
	});

	test('fields and objects that hold anything else stay numbers', () => {
		const text = lines('class Poller {', '  private status = 0;', '  tick(response: Response) { this.status = response.status; }',
			'  slow() { return this.status === 4001; }', '}', 'class Other { check() { return this.status === 4001; } }',
			'function handle(res: { code: number }) {', '  const info = { code: res.code };', '  return info.code === 4005;', '}');
		assert.deepEqual(siteTexts(text), []);
	});
	test('in a test, an error payload carrying the close code the same test closes with', () => {
		const text = lines("it('emits the error of the close', () => {", "  transport.emit('closed', { code: 4123, reason: 'bye' });",
			"  expect(onError).toHaveBeenCalledWith({ type: 'MockError', data: { code: 4123, message: 'bye' } });", '});');
		assert.deepEqual(sitesIn(text, 'a.spec.js').map((site) => [site.text, site.confidence]), [['4123', 'likely'], ['4123', 'likely']]);
	});

	test('a code object in a test without that close code, or outside any test, stays a number', () => {
		const text = lines("it('maps errors', () => {", "  transport.emit('closed', { code: 4123, reason: 'bye' });", '  expect(onError).toHaveBeenCalledWith({ data: { code: 4000 } });',
			'});', "it('other', () => { expect(parse(body)).toEqual({ code: 4123 }); });", "transport.emit('closed', { code: 4200, reason: '' });",
			'const error = { code: 4200 };');
		assert.deepEqual(siteTexts(text, 'a.spec.js'), ['4123', '4200']);
	});
	test("a close spy's first argument read back: mock.calls[0][0], mock.lastCall[0], firstCall.args[0]", () => {
		const text = lines("test('closes', () => {", '  expect(mockSocket.close.mock.calls[0][0]).toBe(1000);', '  expect(closeSpy.mock.lastCall[0]).toEqual(4001);',
			'  expect(closeStub.firstCall.args[0]).to.equal(4002);', '  assert.equal(closeStub.getCall(0).args[0], 4003);', '});');
		assert.deepEqual(siteTexts(text, 'a.test.js'), ['1000', '4001', '4002', '4003']);
	});

	test('other spies, or other arguments of a close spy, stay numbers', () => {
		const text = lines("test('sends', () => {", '  expect(sendSpy.mock.calls[0][0]).toBe(1000);', '  expect(mockSocket.close.mock.calls[0][1]).toBe(4001);',
			'  expect(timerStub.firstCall.args[0]).to.equal(3000);', '  expect(closeTimeout.mock.calls[0][0]).toBe(4000);', '});');
		assert.deepEqual(siteTexts(text, 'a.test.js'), []);
	});
	test("a wrapper's re-emitted 'disconnected' event: its listener's object carries the code", () => {
		const text = lines("socket.addEventListener('close', (e) => this.emit('disconnected', { code: e.code }));",
			"client.on('disconnected', (info) => { if (info.code === 4003) stop(); });");
		assert.deepEqual(siteTexts(text), ['4003']);
	});

	test("other events' listeners, and a 'disconnected' listener's first argument itself, are not codes", () => {
		const text = lines("client.on('connected', (info) => { if (info.code === 4003) stop(); });",
			"client.on('disconnected', (count) => { if (count === 1000) alert(); });");
		assert.deepEqual(siteTexts(text), []);
	});
});


describe('recognition: application code, wider eval (issue 13)', () => {
	test('the default of a destructured close option, by its name, its closing function or the flow of what it binds', () => {
		const text = lines("import WebSocket from 'ws';", 'declare const ws: WebSocket;', 'class Client {',
			"  async close({ code = 1000, reason = '' } = {}) { await this.drain(); ws.close(code, reason); }",
			'  async end(options = {}) { let { code: t = 1e3, reason: n } = options; return this._closeInternal(t, n); }',
			'  _closeInternal(e: number, r: string) { ws.close(e >= 1000 ? e : 1000, r); }', '}',
			'function disconnect(options) { const { closeCode = 4000 } = options; stop(closeCode); }');
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule]),
			[['1000', 'defaultParameter'], ['1e3', 'defaultParameter'], ['1000', 'comparison'], ['1000', 'closeArgument'], ['4000', 'defaultParameter']]);
	});

	test('destructured defaults of other options stay numbers', () => {
		const text = lines("import WebSocket from 'ws';", 'async function fetchUser({ code = 1000, retries = 3 } = {}) { return get(code, retries); }',
			'function close({ timeout = 1000 } = {}) { setTimeout(done, timeout); }', 'const { delay = 1000, port = 3000 } = options;',
			'function render({ status = 4000 }) { return status; }');
		assert.deepEqual(siteTexts(text), []);
	});

	test('an object written where a close event is kept stands in for it', () => {
		const text = lines('ws.onclose = (event) => {', '  event = event || { code: 1000 };', '  if (event.code !== 1000) reconnect();', '};',
			"const closeEvent: CloseEvent = { code: 1006 } as CloseEvent;");
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule]), [['1000', 'codeProperty'], ['1000', 'comparison'], ['1006', 'codeProperty']]);
	});

	test('objects written to other variables, or to an event that is not surely a close event, stay numbers', () => {
		const text = lines("import WebSocket from 'ws';", 'function onError(e) { e = e || { code: 4000 }; report(e); }', 'const error = { code: 4001 };',
			'let result = { code: 4002 };');
		assert.deepEqual(siteTexts(text), []);
	});

	test('a list stored under a close-code name, behind a fallback or as a base-plus-index range', () => {
		const text = lines('function policy(p) {', '  return {',
			'    fatalCloseCodes: p.fatalCloseCodes ?? [1008, 1011, ...Array.from({ length: 100 }, (_, i) => 4400 + i)],',
			'    retryCloseCodes: p.retry || [1006],', '  };', '}', 'this.permanentCloseCodes = options.codes ?? Array.from({ length: 10 }, (_, i) => 4000 + i);');
		assert.deepEqual(siteTexts(text), ['1008', '1011', '4400', '1006', '4000']);
	});

	test('lists under other names, and ranges of other things, stay numbers', () => {
		const text = lines('const cfg = { retryDelays: p.delays ?? [1000, 2000, 4000] };', 'const ports = Array.from({ length: 10 }, (_, i) => 3000 + i);',
			'const opts = { closeTimeouts: p.t || [1000, 3000] };', 'const sizes = [1024, ...Array.from({ length: 4 }, (_, i) => 4096 + i)];');
		assert.deepEqual(siteTexts(text), []);
	});

	test('a declaration file describes a close-code table as a type: its numeric keys are codes', () => {
		const text = lines('type ErrorCodes = {', "    1000: 'Normal closure';", "    1001: 'Going away';", "    1011: 'Internal server error';", '};',
			'interface CloseReasons { 4000: string; 4001: string }');
		assert.deepEqual(siteTexts(text, 'client.d.ts'), ['1000', '1001', '1011']);
	});

	test('types keyed by other numbers stay numbers', () => {
		const text = lines("interface Sizes { 1024: 'small'; 4096: 'large' }", "type AppErrors = { 4000: 'bad input'; 4001: 'not allowed' };");
		assert.deepEqual(siteTexts(text, 'types.d.ts'), []);
	});

	test("a promise that resolves with the close: the event, or a { code, reason } built in a close listener", () => {
		const text = lines("import WebSocket from 'ws';", 'declare const ws: WebSocket;', "test('closes', async () => {",
			"  const event = await new Promise<CloseEvent>((resolve) => ws.addEventListener('close', resolve));", '  expect(event.code).toBe(4001);',
			"  const result = await new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason })));", '  assert.equal(result.code, 4002);',
			'  const done = await new Promise((r) => { ws.onclose = r; });', '  expect(done.code).toBe(4003);', '});');
		assert.deepEqual(siteTexts(text, 'a.test.ts'), ['4001', '4002', '4003']);
	});

	test('promises that resolve with anything else stay numbers', () => {
		const text = lines("import WebSocket from 'ws';", "test('other', async () => {",
			"  const message = await new Promise((resolve) => ws.addEventListener('message', resolve));", '  expect(message.code).toBe(4001);',
			'  const response = await new Promise((resolve) => fetchThing((error, out) => resolve({ code: out.status })));', '  expect(response.code).toBe(4002);', '});');
		assert.deepEqual(siteTexts(text, 'a.test.ts'), []);
	});

	test('a declared list whose elements are read by index into close()', () => {
		const text = lines("import WebSocket from 'ws';", 'declare const ws: WebSocket;', 'const codes = [4000, 4001];',
			'for (let i = 0; i < codes.length; i++) ws.close(codes[i]);', 'const reserved = [1005, 1006];', 'const code = reserved[n];', 'ws.close(code);');
		assert.deepEqual(siteTexts(text), ['4000', '4001', '1005', '1006']);
	});

	test('lists read by index into anything else stay numbers', () => {
		const text = lines("import WebSocket from 'ws';", 'const delays = [1000, 2000, 4000];', 'for (let i = 0; i < delays.length; i++) setTimeout(retry, delays[i]);',
			'const ports = [3000, 3001];', 'server.listen(ports[0]);');
		assert.deepEqual(siteTexts(text), []);
	});

	test('rows walked into close(): a loop that destructures them, and the tables of parameterised tests', () => {
		const text = lines("import WebSocket from 'ws';", 'declare const ws: WebSocket;',
			"for (const [code, reason] of [[4000, 'kicked'], [4001, 'banned']]) ws.close(code, reason);",
			"test.each([1000, 1001])('closes with %i', (code) => { ws.close(code); });",
			"it.each([['normal', 1000], ['away', 1001]])('closes %s', (name, code) => { ws.close(code, name); });",
			"const cases = [[4002, 'x']];", 'cases.forEach(([code, why]) => ws.close(code, why));');
		assert.deepEqual(siteTexts(text), ['4000', '4001', '1000', '1001', '1000', '1001', '4002']);
	});

	test("rows and test tables of other values, or another position of the row, stay numbers", () => {
		const text = lines("import WebSocket from 'ws';", 'declare const ws: WebSocket;',
			"test.each([1000, 2000])('waits %i ms', (ms) => { setTimeout(done, ms); });",
			"it.each([[3000, 'a'], [3001, 'b']])('listens on %i', (port, name) => { server.listen(port); });",
			"for (const [delay, code] of [[1000, 4000], [2000, 4001]]) setTimeout(() => ws.close(code), delay);",
			"other.each([4003])('x', (code) => ws.close(code));");
		assert.deepEqual(siteTexts(text), ['4000', '4001']);
	});

	test("an event that says it is the close: { type: 'close', code }", () => {
		const text = lines("test('records', () => {", "  expect(client.events).toEqual([{ type: 'open' }, { type: 'close', code: 1000 }]);",
			"  log.push({ event: 'disconnect', code: 4001 });", '});');
		assert.deepEqual(siteTexts(text, 'a.test.js'), ['1000', '4001']);
	});

	test('events of another type keep their codes as numbers', () => {
		const text = lines("expect(client.events).toEqual([{ type: 'error', code: 1000 }]);", "log.push({ event: 'message', code: 4001 });");
		assert.deepEqual(siteTexts(text, 'a.test.js'), []);
	});

	test('the private-use range checked with < 5000 on a value named as a code (5000 itself is no code)', () => {
		const text = lines('export function isAppCode(code: number) {', '  return code >= 4000 && code < 5000;', '}');
		assert.deepEqual(siteTexts(text), ['4000']);
		assert.deepEqual(siteTexts(lines('if (delay >= 4000 && delay < 5000) slow();', 'if (value >= 1000 && value < 5000) ok();')), []);
	});

	test('an error message announcing the code of a close that runs in a callback right after', () => {
		const text = lines("import WebSocket from 'ws';", 'declare const ws: WebSocket;', 'function reject() {',
			"  ws.send(JSON.stringify({ type: 'error', code: 4009, message: 'slow down' }), () => ws.close(4009));",
			"  ws.send(JSON.stringify({ type: 'error', code: 4010 }));", '  setTimeout(() => ws.close(4010), 100);', '}');
		assert.deepEqual(siteTexts(text), ['4009', '4009', '4010', '4010']);
	});

	test('an error code followed by a close with another code, or by a close in a function declared there, stays a number', () => {
		const text = lines("import WebSocket from 'ws';", 'declare const ws: WebSocket;', 'function reject() {',
			"  ws.send(JSON.stringify({ type: 'error', code: 4011 }), () => ws.close(1000));", "  ws.send(JSON.stringify({ type: 'error', code: 4012 }));",
			'  function later() { ws.close(4012); }', '}');
		assert.deepEqual(siteTexts(text), ['1000', '4012']);
	});

	test('a positional row a promise resolves with in a close listener', () => {
		const text = lines("import WebSocket from 'ws';", 'declare const ws: WebSocket;', "test('closes', async () => {",
			"  const [status, why] = await new Promise((r) => ws.on('close', (c, reason) => r([c, reason])));", '  expect(status).toBe(4003);', '});');
		assert.deepEqual(siteTexts(text, 'a.test.ts'), ['4003']);
	});

	test('other positions of that row, and rows of other promises, stay numbers', () => {
		const text = lines("import WebSocket from 'ws';", "test('other', async () => {",
			"  const [, size] = await new Promise((r) => ws.on('close', (c, reason) => r([c, reason.length])));", '  expect(size).toBe(4003);',
			"  const [count] = await new Promise((r) => ws.on('message', (data) => r([data.length])));", '  expect(count).toBe(4004);', '});');
		assert.deepEqual(siteTexts(text, 'a.test.ts'), []);
	});

	test('a close table looked up by a literal key: named after closes and what it says of them, or StatusCodes in a WebSocket file', () => {
		const text = lines("import WebSocket from 'ws';", "import { CLOSE_MESSAGES, closeReasons, StatusCodes } from './codes';",
			'log(CLOSE_MESSAGES[4001], closeReasons[1006], StatusCodes[1000]);');
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.confidence]), [['4001', 'certain'], ['1006', 'certain'], ['1000', 'likely']]);
	});

	test('other tables looked up by such keys stay numbers', () => {
		assert.deepEqual(siteTexts("log(closeTimeouts[1000], messages[4001], StatusCodes[1000], retryDelays[3000]);"), []);
	});

	test('rows and objects asserted against a row or object built from the received code', () => {
		const text = lines("import WebSocket from 'ws';", 'declare const ws: WebSocket;', "ws.on('close', (code, reason) => {",
			"  expect([code, reason.toString()]).toEqual([4004, 'bye']);", '  expect({ code, reason }).toMatchObject({ code: 4005 });',
			"  assert.deepEqual([code, 'x'], ['x', 4006]);", '});');
		assert.deepEqual(siteTexts(text, 'a.test.ts'), ['4004', '4005']);
	});

	test('rows and objects of other values stay numbers', () => {
		const text = lines("test('sizes', () => {", '  expect([size, count]).toEqual([4004, 2]);', '  expect({ code: status }).toMatchObject({ code: 4005 });', '});');
		assert.deepEqual(siteTexts(text, 'a.test.ts'), []);
	});

	test('a spy made from the close method (spyOn / stub), whatever it is named', () => {
		const text = lines("import WebSocket from 'ws';", 'declare const ws: WebSocket;', "const spy = vi.spyOn(ws, 'close');",
			"expect(spy).toHaveBeenCalledWith(4012, 'x');", "const stub = sinon.stub(ws, 'close');", 'sinon.assert.calledWith(stub, 4013);',
			"const sendSpy = vi.spyOn(ws, 'send');", 'expect(sendSpy).toHaveBeenCalledWith(4014);');
		assert.deepEqual(siteTexts(text, 'a.test.ts'), ['4012', '4013']);
	});

	test('a promise kept in a constant and awaited later resolves with the close all the same', () => {
		const text = lines("import WebSocket from 'ws';", 'declare const ws: WebSocket;', "test('closes', async () => {",
			"  const closed = new Promise((resolve) => ws.addEventListener('close', resolve));", '  const event = await closed;', '  expect(event.code).toBe(4006);',
			"  const opened = new Promise((resolve) => ws.addEventListener('open', resolve));", '  const info = await opened;', '  expect(info.code).toBe(4007);', '});');
		assert.deepEqual(sitesIn(text, 'a.test.ts').map((site) => [site.text, site.confidence]), [['4006', 'certain']]);
	});

	test('an error message kept in a constant, or emitted as an error, announcing the close that follows', () => {
		const text = lines("import WebSocket from 'ws';", 'function reject(ws: WebSocket, socket: any) {',
			"  const error = { type: 'error', code: 4001, message: 'bad' };", '  ws.send(JSON.stringify(error));', "  ws.close(4001, 'bad');",
			"  socket.emit('error', { code: 4003 });", '  socket.close(4003);', '}');
		assert.deepEqual(siteTexts(text), ['4001', '4001', '4003', '4003']);
	});

	test('a constant that is not sent, or a close with another code, leaves the error code a number', () => {
		const text = lines("import WebSocket from 'ws';", 'function reject(ws: WebSocket, socket: any) {',
			"  const error = { type: 'error', code: 4001 };", '  log(error);', '  ws.close(4001);',
			"  const other = { code: 4002 };", '  ws.send(JSON.stringify(other));', '  ws.close(1000);', "  socket.emit('message', { code: 4003 });", '  socket.close(4003);', '}');
		assert.deepEqual(siteTexts(text), ['4001', '1000', '4003']);
	});
});

describe('recognition: close codes handed on by listeners and events (issue 13e)', () => {
	test('a close listener that is a method of the class (bound or not) gets the code first, whatever its parameter is called', () => {
		const text = lines("const WebSocket = require('ws');", 'class Node {',
			"  connect() { this.ws = new WebSocket(url); this.ws.on('close', this.onClose.bind(this)); this.ws.on('message', this.onMessage.bind(this)); }",
			'  onClose(event, reason) { if (event !== 1000) this.reconnect(3000); }', '  onMessage(data) { if (data.length > 4000) this.drop(); }', '}');
		assert.deepEqual(sitesIn(text, 'a.js').map((site) => [site.text, site.confidence]), [['1000', 'certain']]);
	});

	test('a listener bound with extra arguments, or a method of another class, is not taken for the close listener', () => {
		const text = lines("const WebSocket = require('ws');", 'class A {',
			"  connect() { this.ws = new WebSocket(url); this.ws.on('close', this.retry.bind(this, 'gateway')); }", '  retry(label, n) { if (n > 3000) stop(); }', '}',
			'class B {', '  handleEnd(n) { if (n === 4001) stop(); }', '}', 'class C {', "  connect() { this.ws = new WebSocket(url); this.ws.on('close', this.handleEnd); }", '}');
		assert.deepEqual(siteTexts(text, 'a.js'), []);
	});

	test('a code re-emitted under another event reaches the listeners of that event, at the same place', () => {
		const text = lines("const WebSocket = require('ws');", "const EventEmitter = require('events');",
			"class Conn extends EventEmitter { attach(ws) { ws.on('close', (code, reason) => this.emit('disconnected', code, reason)); } }",
			"const conn = new Conn(); conn.on('disconnected', (status, why) => { if (status === 4001) relogin(); });",
			"conn.on('disconnected', this.onDisconnected.bind(this));");
		assert.deepEqual(siteTexts(text, 'a.js'), ['4001']);
	});

	test('an emitted value that is no close code makes nothing of the listener\'s parameter', () => {
		const text = lines("const WebSocket = require('ws');", "const EventEmitter = require('events');",
			"class Timer extends EventEmitter { tick(started) { this.emit('tick', Date.now() - started); } }",
			"new Timer().on('tick', (elapsed) => { if (elapsed > 3000) warn(); });", "ws.on('close', (code) => bus.emit('ended', 'bye', code));",
			"bus.on('ended', (reason, code, extra) => { if (extra === 4001) x(); });");
		assert.deepEqual(siteTexts(text, 'a.js'), []);
	});
});

describe('recognition: Map tables keyed by close codes (issue 13e)', () => {
	test('the keys of a Map read with get/has by a received code are close codes', () => {
		const text = lines('const ws = new WebSocket(url);', "const MESSAGES = new Map([[4001, 'Unauthorized'], [4002, 'Kicked']]);",
			"const FATAL = new Map([[4004, true]]);", 'ws.onclose = (e) => { show(MESSAGES.get(e.code)); if (FATAL.has(e.code)) stop(); };');
		assert.deepEqual(siteTexts(text, 'a.js'), ['4001', '4002', '4004']);
	});

	test('a Map read by anything else, or read with [] as if it were an object, keeps its numbers', () => {
		const text = lines('const ws = new WebSocket(url);', "const DELAYS = new Map([[1000, 'short'], [4000, 'long']]);",
			"const SIZES = new Map([[4096, 'page']]);", 'ws.onclose = (e) => { show(DELAYS.get(e.wait)); show(SIZES[e.code]); };');
		assert.deepEqual(siteTexts(text, 'a.js'), []);
	});
});

describe('recognition: tables read by computed and literal keys (issue 13e)', () => {
	test('every value of a table of numbers read by a computed key where a close code goes is a close code', () => {
		const text = lines('const ws = new WebSocket(url);', 'const STATUS = { ok: 1000, auth: 4001 };', 'function fail(kind) { ws.close(STATUS[kind]); }');
		assert.deepEqual(siteTexts(text, 'a.js'), ['1000', '4001']);
	});

	test('a table read by a computed key for a timer, or one with a non-number entry, keeps its numbers', () => {
		const text = lines('const ws = new WebSocket(url);', 'const DELAYS = { fast: 1000, slow: 4000 };', 'setTimeout(retry, DELAYS[speed]);',
			"const MIXED = { auth: 4001, label: 'x' };", 'ws.close(MIXED[kind]);');
		assert.deepEqual(siteTexts(text, 'a.js'), []);
	});

	test('a literal key of a table that is looked up by a received code is one of its codes', () => {
		const text = lines('const ws = new WebSocket(url);', "const reasons = { 4001: 'Unauthorized', 4002: 'Kicked' };",
			'ws.onclose = (e) => { show(reasons[e.code]); };', 'function kickMessage() { return reasons[4002]; }');
		assert.deepEqual(siteTexts(text, 'a.js'), ['4001', '4002', '4002']);
	});

	test('a literal key of a table no received code looks up stays a number', () => {
		const text = lines('const ws = new WebSocket(url);', "const sizes = { 4096: 'page', 1000: 'k' };", 'function label() { return sizes[4096] + sizes[1000]; }');
		assert.deepEqual(siteTexts(text, 'a.js'), []);
	});
});

describe('recognition: close results and close events in tests (issue 13e)', () => {
	test('an awaited close() resolves with the close it made; once(\'close\') with no listener is the promise of the close', () => {
		const text = lines("it('closes', async () => {", '  const res = await client.close({ code: 4050, reason: \'x\' });', '  assert.equal(res.code, 4050);',
			'  const { code } = await other.close();', '  assert.equal(code, 1000);', "  const closed = client.once('close');", '  const { code: c2 } = await closed;',
			'  assert.equal(c2, 4001);', '});');
		assert.deepEqual(siteTexts(text, 'a.test.js'), ['4050', '4050', '1000', '4001']);
	});

	test('a close() that is not awaited, and once() of another event, say nothing of their results', () => {
		const text = lines("it('x', async () => {", '  const res = client.close();', '  assert.equal(res.code, 4050);', "  const opened = client.once('open');",
			'  const { code } = await opened;', '  assert.equal(code, 4001);', '  const r = await db.query();', '  assert.equal(r.code, 1000);', '});');
		assert.deepEqual(siteTexts(text, 'a.test.js'), []);
	});

	test('the event object events.once(emitter, \'close\') resolves with, read by its code', () => {
		const text = lines("const { once } = require('events');", "it('x', async () => { const [evt] = await once(client, 'close'); assert.equal(evt.code, 4002);",
			"  const [msg] = await once(client, 'message'); assert.equal(msg.code, 4003); });");
		assert.deepEqual(siteTexts(text, 'a.test.js'), ['4002']);
	});

	test('a close event\'s code asserted as a property (chai, Jest, should)', () => {
		const text = lines("it('x', async () => {", '  const ev = await waitForClose(ws);', "  expect(ev).to.have.property('code', 4007);",
			"  expect(ev).toHaveProperty('code', 4008);", "  assert.propertyVal(ev, 'code', 4009);", "  ev.should.have.property('code', 4010);",
			"  const res = await fetchJson(url);", "  expect(res).to.have.property('code', 4011);", "  expect(ev).to.have.property('delay', 4012);", '});');
		assert.deepEqual(siteTexts(text, 'a.test.js'), ['4007', '4008', '4009', '4010']);
	});
});

describe('recognition: spies, collected codes and narrowed messages (issue 13f)', () => {
	test('the calls of a spy on close() read back, whatever the spy is called, and its argument rows', () => {
		const text = lines("import { vi, expect, test } from 'vitest';", "test('x', () => {", "  const spy = vi.spyOn(ws, 'close');",
			'  expect(spy.mock.calls[0][0]).toBe(4001);', "  expect(spy.mock.calls[0]).toEqual([4002, 'bye']);",
			"  const m = jest.spyOn(socket, 'close').mockImplementation(() => {});", '  expect(m.mock.lastCall[0]).toBe(4003);', '});');
		assert.deepEqual(siteTexts(text, 'a.test.ts'), ['4001', '4002', '4003']);
	});

	test('a spy on another method, and other elements of a close spy\'s row, are no close codes', () => {
		const text = lines("test('x', () => {", "  const spy = vi.spyOn(ws, 'send');", '  expect(spy.mock.calls[0][0]).toBe(4001);',
			"  const close = vi.spyOn(ws, 'close');", "  expect(close.mock.calls[0]).toEqual(['a', 4002]);", '});');
		assert.deepEqual(siteTexts(text, 'a.test.ts'), []);
	});

	test('received codes pushed to a list, then asserted as a list, looked for in it, or read by index', () => {
		const text = lines("const WebSocket = require('ws');", "it('x', async () => {", '  const codes = [];', "  ws.on('close', (code) => codes.push(code));",
			'  assert.deepStrictEqual(codes, [1000, 4001]);', '  expect(codes).toContain(4002);', '  assert.ok(codes.includes(4003));', '  expect(codes[1]).toBe(4004);', '});');
		assert.deepEqual(siteTexts(text, 'a.test.js'), ['1000', '4001', '4002', '4003', '4004']);
	});

	test('a list of other values, or a list that did not start empty, is no list of codes', () => {
		const text = lines("const WebSocket = require('ws');", "it('x', async () => {", '  const delays = [];', '  delays.push(backoff());',
			'  assert.deepStrictEqual(delays, [1000, 4000]);', '  const seen = [3000];', "  ws.on('close', (code) => seen.push(code));", '  expect(seen).toContain(4002);', '});');
		assert.deepEqual(siteTexts(text, 'a.test.js'), []);
	});

	test('a message narrowed to a close by its discriminant: if, &&, switch case, early return', () => {
		const text = lines("import WebSocket from 'ws';",
			"function a(payload) { switch (payload.type) { case 'WebSocketClosedEvent': if (payload.code === 4006) stop(); break; } }",
			"function b(msg) { if (msg.type === 'close') { if (msg.code !== 1000) retry(); } }",
			"function c(data) { return data.event === 'closed' && data.code === 4409; }",
			"function d(m) { if (m.op !== 'close') return; if (m.code === 4444) stop(); }");
		assert.deepEqual(siteTexts(text), ['4006', '1000', '4409', '4444']);
	});

	test('a message narrowed by a member of an enum of kinds (MessageType.Close, Signal.CLOSED)', () => {
		const text = lines('enum MessageType { Open = "open", Close = "close" }', 'enum Signal { OPENED, CLOSED }',
			'worker.onmessage = (e) => {', '  const msg = e.data;', '  if (msg.type === MessageType.Close && msg.code === 4001) logout();',
			'  switch (msg.kind) { case Signal.CLOSED: if (msg.code !== 1000) report(); break; case Signal.OPENED: if (msg.code === 3000) x(); }', '};');
		assert.deepEqual(siteTexts(text), ['4001', '1000']);
	});

	test('a message of another kind, or an unrelated discriminant, says nothing of its code', () => {
		const text = lines("import WebSocket from 'ws';",
			"function a(m) { if (m.type === 'open') { if (m.code === 4000) x(); } if (m.type === 'error' && m.code === 1001) x(); }",
			"function b(m) { switch (m.type) { case 'closeRoom': if (m.code === 4005) x(); break; case 'error': if (m.code === 4001) x(); } }",
			"function c(m, other) { if (other.type === 'close') { if (m.code === 4002) x(); } }",
			"function d(m) { if (m.type !== 'close') log(); if (m.code === 4003) x(); }");
		assert.deepEqual(siteTexts(text), []);
	});
});

describe('recognition: codes of errors the file closes with (issue 13f)', () => {
	test('thrown objects and errors caught by a close with err.code, error classes that store the code, instanceof narrowing', () => {
		const text = lines("import { WebSocket } from 'ws';",
			'class ProtocolError extends Error { constructor(public code: number, message: string) { super(message); } }',
			'class AuthError extends Error { code: number; constructor(message: string) { super(message); this.code = 4401; } }',
			'class CloseError extends Error { constructor(code: number, message: string) { super(message); this.code = code; } }',
			"class Kicked extends CloseError { constructor() { super(4009, 'kicked'); } }",
			"function parse(raw: string) { if (!raw) throw new ProtocolError(4400, 'missing'); if (raw === 'x') throw { code: 4403, message: 'no' }; }",
			'function handle(socket: WebSocket, raw: string) { try { parse(raw); } catch (err: any) { socket.close(err.code, err.message); } }',
			'function auth(socket: WebSocket, e: unknown) { if (e instanceof AuthError) socket.close(e.code, e.message); }',
			'function kick(socket: WebSocket, e: unknown) { if (e instanceof CloseError) socket.close(e.code); }',
			'function fail(socket: WebSocket, error: { code: number }) { socket.close(error.code); }',
			"fail(ws, { code: 4500 });");
		assert.deepEqual(siteTexts(text), ['4401', '4009', '4400', '4403', '4500']);
	});

	test('errors that are never closed with, or thrown outside the try, keep their codes to themselves', () => {
		const text = lines("import { WebSocket } from 'ws';",
			'class HttpError extends Error { constructor(public code: number, message: string) { super(message); } }',
			'class AppError extends Error { code = 0; constructor() { super(); this.code = 4001; } }',
			"function load() { throw new HttpError(4004, 'nope'); }",
			"function handle(socket: WebSocket) { try { other(); } catch (err: any) { socket.close(err.code); } throw { code: 4002 }; }",
			'function log(e: unknown) { if (e instanceof AppError) console.log(e.code); }',
			"try { load(); } catch (err: any) { console.error(err.code, 'failed'); }");
		assert.deepEqual(siteTexts(text), []);
	});
});

describe('recognition: rows whose element is compared with a received code (issue 13f)', () => {
	test('a destructured loop variable asserted equal to the received code makes that column close codes', () => {
		const text = lines("import { once } from 'node:events';", "test('x', async () => {", "  for (const [input, expected] of [['bad', 4400], ['big', 1009]]) {",
			'    const ws = await open(input);', "    const [code] = await once(ws, 'close');", '    assert.equal(code, expected);', '  }', '});');
		assert.deepEqual(siteTexts(text, 'a.test.ts'), ['4400', '1009']);
	});

	test('a column compared with something else stays numbers', () => {
		const text = lines("test('x', async () => {", "  for (const [input, wait] of [['bad', 4400], ['big', 1009]]) {", '    const r = await run(input);',
			'    assert.equal(r.elapsed, wait);', '  }', '});');
		assert.deepEqual(siteTexts(text, 'a.test.ts'), []);
	});
});

describe('recognition: promises of local functions, defaults and fake sockets (issue 13h)', () => {
	test('a local function whose promise resolves with a close code: its awaited result and its .then parameter hold it', () => {
		const text = lines("import WebSocket from 'ws';", "import { once } from 'node:events';",
			"function settle(ws: WebSocket) { return new Promise<number>((resolve) => ws.once('close', resolve)); }",
			"const finished = (ws: WebSocket) => new Promise<number>((done) => ws.on('close', (c: number) => done(c)));",
			"async function outcome(ws: WebSocket) { const [c] = await once(ws, 'close'); return c; }",
			'function relay(ws: WebSocket) { return settle(ws); }',
			'export async function run(ws: WebSocket) {',
			'  const result = await settle(ws);', '  if (result === 4001) stop();',
			'  finished(ws).then((value) => { if (value !== 1000) retry(); });',
			'  const v = await outcome(ws);', '  if (v === 4003) stop();',
			'  if ((await relay(ws)) === 4004) stop();', '}');
		assert.deepEqual(siteTexts(text), ['4001', '1000', '4003', '4004']);
	});

	test('an async function awaited where a close code goes: the codes it returns are close codes', () => {
		const text = lines("import WebSocket from 'ws';", "async function pickCode(reason: string) { if (reason === 'auth') return 4001; return 1000; }",
			'export async function stop(ws: WebSocket, reason: string) { ws.close(await pickCode(reason)); }');
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule]), [['4001', 'returnedCode'], ['1000', 'returnedCode']]);
	});

	test('a call where a close code goes marks no result when its name means several functions (a bundle\'s getters)', () => {
		const text = lines("import WebSocket from 'ws';",
			'const stats = { key: "_interval", get: function () { return this.master ? 3e3 : 15e3; } };',
			'class Settings { get(name: string) { return name === "retries" ? 4000 : 0; } }',
			'export function stop(ws: WebSocket, codes: Map<string, number>) { ws.close(codes.get("auth")); }');
		assert.deepEqual(siteTexts(text), []);
	});

	test('promises of other values, and an async function\'s un-awaited call, hold no close code', () => {
		const text = lines("import WebSocket from 'ws';", "import { once } from 'node:events';",
			'function delay(ms: number) { return new Promise<number>((resolve) => setTimeout(() => resolve(ms), ms)); }',
			'async function fetchStatus(url: string) { const res = await fetch(url); return res.status; }',
			"async function lastCode(ws: WebSocket) { const [c] = await once(ws, 'close'); return c as number; }",
			'export async function run(ws: WebSocket) {',
			'  const waited = await delay(10);', '  if (waited === 3000) slow();',
			"  const status = await fetchStatus('x');", '  if (status === 4004) missing();',
			'  delay(5).then((t) => { if (t === 1000) late(); });',
			'  const pending = lastCode(ws);', '  if (pending === 4001) never();', '}');
		assert.deepEqual(siteTexts(text), []);
	});

	test('an awaited method whose name means several functions holds a close code only when each of them resolves with one', () => {
		const text = lines("import WebSocket from 'ws';", "import { once } from 'node:events';",
			"class Conn { constructor(private ws: WebSocket) {} async wait() { const [c] = await once(this.ws, 'close'); return c as number; } }",
			'class Lock { async wait() { return 0; } }',
			'export async function run(conn: Conn, lock: Lock) {', '  const n = await lock.wait();', '  if (n === 4000) busy();', '}');
		assert.deepEqual(siteTexts(text), []);
	});

	test('a received code with a ?? or || default still holds a close code, and so does a value it is the default of', () => {
		const text = lines("import WebSocket from 'ws';", 'export function attach(ws: WebSocket, options: { code?: number }) {',
			"  ws.on('close', (received?: number) => {", '    const c = received ?? 1005;', '    if (c === 4001) auth();',
			'    const d = received || 1006;', '    if (d !== 1000) retry();',
			'    const chosen = options.code || received;', '    if (chosen === 4002) kick();', '  });', '}');
		assert.deepEqual(sitesIn(text).map((site) => [site.text, site.rule, site.confidence]), [
			['1005', 'fallback', 'certain'], ['4001', 'comparison', 'certain'], ['1006', 'fallback', 'certain'], ['1000', 'comparison', 'certain'],
			['4002', 'comparison', 'likely'],
		]);
	});

	test('defaults of other values, and quantities or texts preferred to a code, hold no close code', () => {
		const text = lines("import WebSocket from 'ws';", 'export function attach(ws: WebSocket, opts: { timeout?: number; retries?: number }) {',
			"  ws.on('close', (code: number) => {", '    const t = opts.timeout ?? 1000;', '    if (t === 3000) slow();',
			'    const r = opts.retries || code;', '    if (r === 4000) many();', "    const label = 'none' || code;", '    if (label === 4001) x();',
			'    const delayMs = opts.timeout || code;', '    if (delayMs > 3000) late();',
			'    const http = res.statusCode || code;', '    if (http === 4004) gone();', '    const level = cfg.level || code;', '    if (level === 3000) loud();',
			'  });', '}');
		assert.deepEqual(siteTexts(text), []);
	});

	test('a generic mock put in a socket\'s close: its call assertions and recorded calls are close codes', () => {
		const text = lines("import { WebSocket } from 'ws';", "it('closes', () => {", "  const ws = new WebSocket('ws://x');", '  const spy = jest.fn();',
			'  ws.close = spy;', '  shutdown(ws);', "  expect(spy).toHaveBeenCalledWith(1001, 'going away');", '  expect(spy.mock.calls[0][0]).toBe(1001);', '});');
		assert.deepEqual(sitesIn(text, 'a.test.ts').map((site) => [site.text, site.rule, site.confidence]), [
			['1001', 'calledWith', 'certain'], ['1001', 'assertion', 'certain'],
		]);
	});

	test('a generic mock as the close of a fake with a socket\'s other members (sinon and jest), also assigned in beforeEach', () => {
		const text = lines("it('closes on auth failure', () => {", '  const spy = sinon.spy();',
			"  const fake = { send: sinon.spy(), readyState: 1, on() {}, close: spy };", "  handle(fake, 'bad');",
			'  sinon.assert.calledWith(spy, 4001);', '  expect(spy.calledWith(4002)).to.equal(true);', '});',
			'let fn;', 'beforeEach(() => { fn = jest.fn(); });', "it('jest', () => {",
			'  const socket = { addEventListener: jest.fn(), send: jest.fn(), close: fn };', '  handle(socket);',
			'  expect(fn).toHaveBeenCalledWith(1000);', '  expect(fn.mock.calls[0][0]).toEqual(4003);', '});');
		assert.deepEqual(siteTexts(text, 'a.test.js'), ['4001', '4002', '1000', '4003']);
	});

	test('a mock put in the close of something that is no socket, or not put in a close, stays a number', () => {
		const text = lines("it('x', () => {", '  const spy = jest.fn();', '  const logger = { info: jest.fn(), close: spy };', '  run(logger);',
			'  expect(spy).toHaveBeenCalledWith(1000);', '  const fn = jest.fn();', '  const timer = { start: jest.fn(), stop: fn };',
			'  expect(fn).toHaveBeenCalledWith(3000);', '  const other = jest.fn();', '  const pool = { query: jest.fn(), on: jest.fn(), close: other };',
			'  expect(other).toHaveBeenCalledWith(4000);', '  const done = jest.fn();', '  client.close = done;', '  expect(done).toHaveBeenCalledWith(1001);',
			'  const plain = () => {};', '  ws.close = plain;', '  expect(plain).toHaveBeenCalledWith(1002);', '});');
		assert.deepEqual(siteTexts(text, 'a.test.js'), []);
	});

	test('one member a socket shares with other things (ping, send, onmessage) does not make a fake a socket; two do', () => {
		const text = lines("import WebSocket from 'ws';", "it('pings', () => {", '  const spy = jest.fn();', '  const redis = { ping: jest.fn(), close: spy };',
			'  run(redis);', '  expect(spy).toHaveBeenCalledWith(1000);', '  const fn = jest.fn();', '  const port = { onmessage: null, close: fn };',
			'  expect(fn).toHaveBeenCalledWith(1001);', '  const both = jest.fn();', '  const fake = { send: jest.fn(), ping: jest.fn(), close: both };',
			'  run(fake);', '  expect(both).toHaveBeenCalledWith(4001);', '});');
		assert.deepEqual(siteTexts(text, 'a.test.ts'), ['4001']);
	});

	test('the close of a fake database client is no socket\'s close; the close of a fake socket still is', () => {
		const db = lines("it('closes the pool', async () => {", '  const db = { query: jest.fn(), close: jest.fn() };', '  await shutdown(db);',
			'  expect(db.close).toHaveBeenCalledWith(1000);', '  expect(db.close.mock.calls[0][0]).toBe(1001);', '});');
		assert.deepEqual(siteTexts(db, 'a.test.js'), []);
		const socket = lines("it('closes the socket', async () => {", '  const ws = { send: jest.fn(), readyState: 1, close: jest.fn() };', '  await shutdown(ws);',
			'  expect(ws.close).toHaveBeenCalledWith(1000);', '  expect(ws.close.mock.calls[0][0]).toBe(1001);', '});');
		assert.deepEqual(siteTexts(socket, 'a.test.js'), ['1000', '1001']);
	});

	test('a close-named spy put only in a fake database\'s close, or made from it, asserts no close code; a handler\'s spy still does', () => {
		const db = lines("it('closes the pool', async () => {", '  const closeSpy = jest.fn();', '  const db = { query: jest.fn(), close: closeSpy };',
			'  await shutdown(db);', '  expect(closeSpy).toHaveBeenCalledWith(1000);', '  const pool = { query() {}, close() {} };',
			"  const stub = jest.spyOn(pool, 'close');", '  expect(stub).toHaveBeenCalledWith(1001);', '});');
		assert.deepEqual(siteTexts(db, 'a.test.js'), []);
		const handlers = lines("it('reports the close', () => {", '  const handlers = { onOpen: jest.fn(), onMessage: jest.fn(), onClose: jest.fn() };',
			'  connect(handlers);', "  expect(handlers.onClose).toHaveBeenCalledWith(1006, 'Connection interrupted');", '  const closeSpy = jest.fn();',
			'  const unknown = { close: closeSpy };', '  expect(closeSpy).toHaveBeenCalledWith(4001);', '});');
		assert.deepEqual(siteTexts(handlers, 'a.test.js'), ['1006', '4001']);
	});
});

describe('recognition: property paths, assertions with messages and emitted codes (issue 13i)', () => {
	test('a property path sent to close(): the same path of that object compared or switched on holds a close code', () => {
		const text = lines(wsImport, 'declare const ws: WebSocket;', "function onMessage(msg) { if (msg.code === 4005) ws.close(msg.code, 'x'); }",
			'function end(err) { if (err.code === 4006 || err.code === 4007) return; ws.close(err.code); }',
			'function stop(event) { switch (event.detail.code) { case 4008: break; } ws.close(event.detail.code); }');
		assert.deepEqual(siteTexts(text), ['4005', '4006', '4007', '4008']);
	});

	test('a property path handed to a call that names several functions (a bundle\'s onError) holds no close code', () => {
		const text = lines(wsImport, 'declare const ws: WebSocket;',
			'class Transport { onError(code) { ws.close(code); } }', 'class Poll { onError(status) { this.failed = status; } }',
			'function onLoad(self, xhr) { if (200 === xhr.status || 1223 === xhr.status) self.done(); else self.onError(xhr.status); }');
		assert.deepEqual(siteTexts(text, 'bundle.js'), []);
		// A helper known only by its parameters' names (`code` beside `reason`) says nothing about the object either.
		const subscription = lines("class Transport { constructor() { this.ws = new WebSocket('wss://x'); } }",
			'class Subscription { _setUnsubscribed(code, reason, resubscribe) { this.state = 0; } }',
			'function onPush(sub, unsubscribe) { if (unsubscribe.code < 2500) sub._setUnsubscribed(unsubscribe.code, unsubscribe.reason, false); }');
		assert.deepEqual(siteTexts(subscription, 'bundle.js'), []);
	});

	test('a property path: not another object, not a reassigned one, not a path never sent, not a longer path', () => {
		const text = lines(wsImport, 'declare const ws: WebSocket;', "function a(msg, other) { if (other.code === 4005) x(); ws.close(msg.code, 'x'); }",
			"function b(msg) { if (msg.code === 4006) x(); msg = next(); ws.close(msg.code, 'x'); }",
			"function c(msg) { if (msg.code === 4007) x(); if (msg.status === 4008) y(); ws.close(msg.reasonCode ?? 1000, 'x'); }",
			'function d(o) { if (o.data.code === 4009) x(); ws.close(o.code); }');
		assert.deepEqual(siteTexts(text), ['1000']);
	});

	test('message-first assertions: the message is not the value compared, and a message about close codes is evidence', () => {
		const text = lines("ws.on('close', (code) => { jqUnit.assertEquals('got the close', 4001, code); });",
			"function assertResponse(response) { jqUnit.assertEquals('Socket close response code is 1000', 1000, response.code); }");
		assert.deepEqual(siteTexts(text, 'a.test.js'), ['4001', '1000']);
	});

	test('message-first assertions: no close-code message, no code-named value, or a message last, is no evidence', () => {
		const text = lines("function check(response) { jqUnit.assertEquals('Status code is 200', 4200, response.code); }",
			"function count(response) { jqUnit.assertEquals('close code count', 1000, response.count); }",
			"function node(response) { assert.equal(response.code, 4001, 'the close code'); }");
		assert.deepEqual(siteTexts(text, 'a.test.js'), []);
	});

	test('emit to a listener of this file that closes with its parameter: the emitted argument is a close code', () => {
		const text = lines("const { EventEmitter } = require('events');",
			"class Receiver extends EventEmitter { end() { this.emit('conclude', 1005, EMPTY); } }",
			'function receiverOnConclude(code, reason) { const websocket = this.ws; websocket.close(code, reason); }',
			"receiver.on('conclude', receiverOnConclude);");
		assert.deepEqual(siteTexts(text, 'receiver.js'), ['1005']);
	});

	test('emit to a listener: not an event without such a listener, nor a parameter the listener does not close with', () => {
		const text = lines("const { EventEmitter } = require('events');",
			"class Receiver extends EventEmitter { data() { this.emit('data', 4000, chunk); this.emit('conclude', 1005); this.emit('other', 1000, 'x'); } }",
			'function onData(size, chunk) { total += size; }', 'function onConclude(length, reason) { log(length, reason); }',
			"receiver.on('data', onData); receiver.on('conclude', onConclude);");
		assert.deepEqual(siteTexts(text, 'receiver.js'), []);
	});

	test('a field name assigned only received close codes: its reads on other objects of the file hold one, with a ?? fallback', () => {
		const text = lines(wsImport, 'class Session {', '  lastStatus: number | null = null;',
			"  open(ws: WebSocket) { ws.on('close', (code) => { this.lastStatus = code; }); }", '  reset() { this.lastStatus = null; }', '}',
			'function done(session: Session) { return [1000, 1001, 1006].includes(session.lastStatus ?? 0); }',
			'function fatal(session: Session) { return session.lastStatus === 4001; }');
		assert.deepEqual(siteTexts(text), ['1000', '1001', '1006', '4001']);
	});

	test('a field name: not when another value is written to it, nor a bare or HTTP name, nor an object literal of that name', () => {
		const text = lines(wsImport, "function a(ws: WebSocket, s) { ws.on('close', (code) => { s.lastStatus = code; }); s.lastStatus = parse(x); }",
			'function b(session) { return [1000, 1001].includes(session.lastStatus ?? 0); }',
			"function c(ws: WebSocket, s) { ws.on('close', (code) => { s.statusCode = code; s.exitCode = code; }); }",
			'function d(res) { return res.statusCode === 4001; }', "const report = { exitCode: compute() };", 'function e(p) { return p.exitCode === 4002; }');
		assert.deepEqual(siteTexts(text), []);
	});

	test('an event payload built from a close listener\'s code: its listeners\' parameter holds the code as .code', () => {
		const text = lines(wsImport, 'class Client extends EventEmitter {',
			"  open(ws: WebSocket) { ws.on('close', (code, reason) => { this.emit('ended', { code: code, reason }); }); }", '}',
			"client.on('ended', (response) => { if (response.code === 4001) stop(); });");
		assert.deepEqual(siteTexts(text), ['4001']);
	});

	test('an event payload: not one whose code is no close code, nor a listener parameter reassigned before the read', () => {
		const text = lines(wsImport, 'class Client extends EventEmitter {',
			"  open(ws: WebSocket) { ws.on('close', (code, reason) => { this.emit('ended', { code, reason }); this.emit('status', { code: 200 }); }); }", '}',
			"client.on('status', (s) => { if (s.code === 4002) stop(); });", "client.on('ended', (r) => { r = other(); if (r.code === 4003) stop(); });");
		assert.deepEqual(siteTexts(text), []);
	});
});
