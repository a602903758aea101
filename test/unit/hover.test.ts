import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { createLanguageService, registeredCodes, type Locale } from '../../server/src/service';
import { en } from '../../server/src/service/l10n/en';
import { ja } from '../../server/src/service/l10n/ja';
import { confusionKey } from '../../server/src/service/closeCodes';
import { lines, makeDocument, withCursor } from './helpers';

const service = createLanguageService();

function hoverAt(textWithCursor: string, locale: Locale = 'en', fileName = 'test.ts'): string | null {
	const { text, offset } = withCursor(textWithCursor);
	const document = makeDocument(text, fileName);
	const hover = service.doHover(document, document.positionAt(offset), { locale });
	if (!hover) {
		return null;
	}
	const contents = hover.contents as { kind: string; value: string };
	assert.equal(contents.kind, 'markdown');
	return contents.value;
}

const browserClient = (line: string) => lines('const socket = new WebSocket("wss://x");', "socket.addEventListener('close', (event) => {", `  ${line}`, '});', "socket.close(1000, 'bye');");
const words = (text: string) => text.replace(/\]\([^)]*\)/g, ']').split(/\s+/).filter(Boolean).length;

const wsClient = (line: string) => lines("import WebSocket from 'ws';", "const ws = new WebSocket('ws://localhost:8080');", line);

describe('hover: role-aware content', () => {
	test('a received 1001 leads with what it means for you and what to do, then reconnect, then 1001 vs 1003', () => {
		const value = hoverAt(browserClient("if (event.code === 10|01) connect();"));
		assert.ok(value);
		assert.match(value, /^\*\*1001 Going Away\*\* · registered close code · received here · browser-style socket\n/);
		const order = ['**How to fix** — The server is shutting down or restarting', '**Reconnect?** — Yes, with exponential backoff', '**1001 or 1003?** — 1001 is about the endpoint'];
		const positions = order.map((text) => value.indexOf(text));
		assert.ok(positions.every((position) => position > 0), value);
		assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'fix, then reconnect, then the neighbour');
		// A browser cannot send 1001: the receiving hover never suggests sending it, and the send texts stay on the reference page.
		assert.doesNotMatch(value, /When to send it|Who may send it/);
		assert.ok(words(value) <= 160, `${words(value)} words`);
	});

	test('a received 1003 in a browser does not suggest sending 1003 (browsers cannot)', () => {
		const value = hoverAt(browserClient("if (event.code === 10|03) showError();"));
		assert.ok(value);
		assert.match(value, /\*\*How to fix\*\* — You sent a frame type the peer does not accept/);
		assert.doesNotMatch(value, /From a message handler|When to send it/);
	});

	test('a sent 1003 on a ws socket: whether to send it, whether this API accepts it, what the peer does, 1003 vs 1001', () => {
		const value = hoverAt(wsClient("ws.close(10|03, 'binary only');"));
		assert.ok(value);
		assert.match(value, /^\*\*1003 Unsupported Data\*\* · registered close code · sent here · `ws` socket\n/);
		assert.match(value, /\*\*When to send it\*\* — From a message handler .* `ws` accepts it\./);
		assert.match(value, /\*\*The peer\*\* — A client that follows the usual policy stays closed\./);
		assert.match(value, /\*\*1003 or 1001\?\*\* — 1001 is about the endpoint/);
		assert.doesNotMatch(value, /How to fix|Reconnect\?/);
	});

	test('a sent 1001 in a browser says that this close() throws, and 1000 vs 1001 is the choice', () => {
		const value = hoverAt(browserClient("socket.close(10|00, 'bye');"));
		assert.ok(value);
		assert.match(value, /The WHATWG `close\(\)` \(browsers[^)]*\) accepts it\./);
		assert.match(value, /\*\*1000 or 1001\?\*\*/);
		const going = hoverAt(lines('const socket = new WebSocket("wss://x");', "socket.close(10|01, 'bye');"));
		assert.ok(going);
		assert.match(going, /throws `InvalidAccessError` on it\./);
	});

	test('a code sent on a Cloudflare Workers socket: what workerd accepts and where it throws', () => {
		const worker = (line: string) => lines('const [client, server] = Object.values(new WebSocketPair());', 'server.accept();', line);
		const going = hoverAt(worker("server.close(10|01, 'bye');"));
		assert.ok(going);
		assert.match(going, /· Cloudflare Workers socket\n/);
		assert.match(going, /Cloudflare Workers \(workerd\) accepts it\./);
		const unassigned = hoverAt(worker('server.close(29|99);'));
		assert.ok(unassigned);
		assert.match(unassigned, /Cloudflare Workers \(workerd\) accepts it\./);
	});

	test('the other pairs the hover contrasts: 1008 vs 1003 and 1009, 1011 vs 1006, 1012 vs 1001', () => {
		const cases: [string, RegExp[]][] = [
			["ws.close(10|08, 'policy');", [/\*\*1008 or 1003\?\*\*/, /\*\*1008 or 1009\?\*\*/]],
			["ws.close(10|11, 'oops');", [/\*\*1011 or 1006\?\*\*/]],
			["ws.close(10|12, 'restart');", [/\*\*1012 or 1001\?\*\*/]],
		];
		for (const [line, patterns] of cases) {
			const value = hoverAt(wsClient(line));
			assert.ok(value, line);
			patterns.forEach((pattern) => assert.match(value, pattern, line));
		}
	});

	test('a declaration gets a neutral summary: meaning and who may send it, no advice for one side', () => {
		const value = hoverAt(lines('export enum CloseCode {', '  GoingAway = 10|01,', '}'));
		assert.ok(value);
		assert.match(value, /^\*\*CloseCode\.GoingAway\*\* = 1001 · defined here/);
		assert.match(value, /Sendable: RFC 6455 ✓ · WHATWG ✗ · `ws` ✓/);
		assert.doesNotMatch(value, /How to fix|When to send it|Reconnect\?/);
	});

	test('Japanese hovers use the Japanese headings at both roles', () => {
		const received = hoverAt(browserClient("if (event.code === 10|01) connect();"), 'ja');
		assert.ok(received);
		assert.match(received, /^\*\*1001 Going Away\*\* · 登録済みのクローズコード · ここで受信/);
		assert.match(received, /\*\*対処方法\*\* — /);
		assert.match(received, /\*\*再接続の要否\*\* — /);
		assert.match(received, /\*\*1001 と 1003 の使い分け\*\* — /);
		const sent = hoverAt(wsClient("ws.close(|1003, 'x');"), 'ja');
		assert.ok(sent);
		assert.match(sent, /\*\*送信の可否\*\* — .*`ws`で送信できます。/);
		assert.match(sent, /\*\*相手の動作\*\* — /);
	});

	test('ranges: invalid, unassigned, library, private, too high', () => {
		const cases: [string, RegExp][] = [
			["ws.close(|999);", /^\*\*999\*\* · invalid close code[\s\S]*0–999/],
			["ws.close(|2500);", /^\*\*2500\*\* · unassigned close code[\s\S]*1016–2999/],
			["ws.close(|3500);", /^\*\*3500\*\* · library\/framework range/],
			["ws.close(|4401);", /^\*\*4401\*\* · private-use range[\s\S]*`ws` accepts it/],
			["ws.close(|5000);", /^\*\*5000\*\* · invalid close code[\s\S]*from 5000 up/],
		];
		for (const [line, pattern] of cases) {
			const value = hoverAt(wsClient(line));
			assert.ok(value, line);
			assert.match(value, pattern, line);
			assert.match(value, /\[RFC 6455 §7\.4\.2\]/, line);
		}
	});

	test('without a protocol library, 4000 + HTTP status is named as a convention, not as a fact', () => {
		const value = hoverAt(browserClient("if (event.code === 44|01) login();"));
		assert.ok(value);
		assert.match(value, /^\*\*4401\*\* · private-use range/);
		assert.match(value, /"4000 \+ HTTP status" convention this would read as HTTP 401 \(Unauthorized\)\. That is a convention, not a standard/);
		assert.equal(hoverAt(browserClient("if (event.code === 40|77) login();"))?.includes('convention'), false, 'no status 77');
	});

	test('a name that refers to a constant shows the constant\'s code and where it came from', () => {
		const value = hoverAt(lines("import WebSocket from 'ws';", 'const GOING_AWAY = 1001;', 'declare const ws: WebSocket;', "ws.close(GOING|_AWAY, 'bye');"));
		assert.ok(value);
		// One line for what the name stands for; TypeScript's hover beside ours shows the declaration itself.
		assert.match(value, /^\*\*GOING_AWAY\*\* = 1001 Going Away · registered close code · sent here · `ws` socket\n/);
		assert.match(value, /\*\*When to send it\*\*/);
		assert.doesNotMatch(value, /1001 or 1003/, 'the comparison with a neighbour is left to the reference page');
	});

	test('the project\'s own code: member name and doc comment first, at the definition and at every use', () => {
		const source = (cursorAt: 'definition' | 'use' | 'comparison') => lines(
			'export enum AppClose {',
			'  /** The session token expired: the client must log in again. */',
			`  SessionExpired = ${cursorAt === 'definition' ? '40|01' : '4001'},`,
			'}',
			'const socket = new WebSocket("wss://x");',
			`socket.close(AppClose.${cursorAt === 'use' ? 'Session|Expired' : 'SessionExpired'});`,
			`socket.onclose = (event) => { if (event.code === AppClose.${cursorAt === 'comparison' ? 'Session|Expired' : 'SessionExpired'}) login(); };`);
		const definition = hoverAt(source('definition'));
		assert.ok(definition);
		assert.match(definition, /^\*\*AppClose\.SessionExpired\*\* = 4001 · /);
		assert.match(definition, /\n\nThe session token expired: the client must log in again\.\n\n4001 · private-use range\n/);
		// At a use, TypeScript's own hover shows the member and its doc comment in the same box: ours does not repeat them.
		for (const where of ['use', 'comparison'] as const) {
			const value = hoverAt(source(where));
			assert.ok(value, where);
			assert.match(value, /^\*\*AppClose\.SessionExpired\*\* = 4001 · private-use range · (?:sent|received) here/, where);
			assert.doesNotMatch(value, /The session token expired/, where);
		}
	});

	test('the doc comment is the description of the last /** */ before the declaration, tags left out', () => {
		const value = hoverAt(lines(
			'// Codes of our protocol.',
			'/**',
			' * The room was closed by a moderator.',
			' *   Reconnecting will not help.',
			' * @see docs/protocol.md',
			' */',
			'export const ROOM_CLOSED = 40|02;',
			'/* not documentation */',
			'export const KICKED = 4003;',
			'const socket = new WebSocket("wss://x");',
			'socket.close(KICKED); socket.close(ROOM_CLOSED);'));
		assert.ok(value);
		assert.match(value, /\n\nThe room was closed by a moderator\.\n {2}Reconnecting will not help\.\n\n4002 · private-use range\n/);
		assert.doesNotMatch(value, /@see|docs\/protocol/);
		const undocumented = hoverAt(lines(
			'/* not documentation */',
			'export const KICKED = 40|03;',
			'const socket = new WebSocket("wss://x");',
			'socket.close(KICKED);'));
		assert.ok(undocumented);
		assert.match(undocumented, /^\*\*KICKED\*\* = 4003 · [^\n]*\n\n4003 · private-use range\n/);
	});

	test('"More…" is a command link only when the editor runs them (VS Code), with the code and locale', () => {
		const { text, offset } = withCursor(wsClient("ws.close(10|01);"));
		const document = makeDocument(text);
		const withLinks = service.doHover(document, document.positionAt(offset), { locale: 'ja', commandLinks: true });
		const value = (withLinks?.contents as { value: string }).value;
		const link = /\[詳細…\]\(command:websocketCloseCodes\.showReference\?([^)]+)\)/.exec(value);
		assert.ok(link, value);
		assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), [{ code: 1001, locale: 'ja' }]);
		const plain = (service.doHover(document, document.positionAt(offset), { locale: 'en' })?.contents as { value: string }).value;
		assert.doesNotMatch(plain, /command:|More…/);
		assert.match(plain, /\[RFC 6455 §7\.4\.1\]\(https:/, 'other editors still get the specification link');
	});

	test('likely sites say that they are inferred', () => {
		const value = hoverAt('export const closeCode = 40|00;');
		assert.ok(value);
		assert.match(value, /Probably a close code/);
	});

	test('the hover range covers the number', () => {
		const { text, offset } = withCursor(wsClient("ws.close(10|01);"));
		const document = makeDocument(text);
		const hover = service.doHover(document, document.positionAt(offset), { locale: 'en' });
		assert.ok(hover?.range);
		assert.equal(document.getText(hover.range), '1001');
	});
});

describe('hover: no hover where there is no close code', () => {
	for (const line of ['setTimeout(reconnect, 10|00);', 'server.listen({ port: 30|00 });', 'let delay = 40|00;', 'ws.close(1_0|00);', "ws.close(1001, 'bye'); // 1|001"]) {
		test(line, () => {
			assert.equal(hoverAt(wsClient(line)), null);
		});
	}
});

describe('catalogs', () => {
	test('every registered code has every text in both languages, and the Japanese is Japanese', () => {
		for (const { code } of registeredCodes) {
			for (const field of ['meaning', 'when', 'fix', 'send'] as const) {
				const key = `code.${code}.${field}` as keyof typeof en;
				assert.ok(en[key]?.length > 20, `en ${key}`);
				assert.ok(ja[key]?.length > 5, `ja ${key}`);
				assert.match(ja[key], /[\u3040-\u30ff\u4e00-\u9fff]/, `ja ${key} has Japanese text`);
				assert.notEqual(ja[key], en[key], `ja ${key} is translated`);
			}
		}
	});

	test('every often-confused pair is listed from both sides and has its text', () => {
		for (const { code, confusedWith } of registeredCodes) {
			for (const other of confusedWith) {
				const partner = registeredCodes.find((entry) => entry.code === other);
				assert.ok(partner, `${code} is confused with unregistered ${other}`);
				assert.ok(partner.confusedWith.includes(code), `${other} should list ${code} back`);
				const key = confusionKey(code, other) as keyof typeof en;
				assert.ok(en[key], `en ${key}`);
				assert.ok(ja[key], `ja ${key}`);
			}
		}
	});

	test('the two catalogs have the same keys and keep code spans and placeholders', () => {
		assert.deepEqual(Object.keys(ja), Object.keys(en));
		for (const key of Object.keys(en) as (keyof typeof en)[]) {
			const spans = (text: string) => (text.match(/`[^`]+`/g) ?? []).sort();
			assert.deepEqual(spans(ja[key]), spans(en[key]), `code spans of ${key}`);
			// A translation may reorder placeholders, but must keep every one of them.
			assert.deepEqual(ja[key].match(/\{\d+\}/g)?.sort(), en[key].match(/\{\d+\}/g)?.sort(), `placeholders of ${key}`);
		}
	});

	test('every hover of every code and range renders in both languages without missing texts', () => {
		for (const value of [0, 500, 999, ...registeredCodes.map((entry) => entry.code), 1016, 2999, 3001, 3999, 4000, 4999, 5000, 65535]) {
			for (const locale of ['en', 'ja'] as const) {
				const rendered = hoverAt(wsClient(`ws.close(|${value});`), locale);
				assert.ok(rendered, `${value} ${locale}`);
				assert.ok(!rendered.includes('undefined'), `${value} ${locale}`);
				assert.ok(rendered.startsWith(`**${value}`), `${value} ${locale}`);
			}
		}
	});
});
