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

const wsClient = (line: string) => lines("import WebSocket from 'ws';", "const ws = new WebSocket('ws://localhost:8080');", line);

describe('hover: content', () => {
	test('1001 in English: name, meaning, when, fix with backoff and jitter, who may send, confusions, spec link', () => {
		const value = hoverAt(wsClient("ws.on('close', (code) => { if (code === 10|01) reconnect(); });"));
		assert.ok(value);
		assert.match(value, /^\*\*1001 Going Away\*\* · registered close code/);
		assert.match(value, /going away/i);
		assert.match(value, /\*\*When you see it\*\*/);
		assert.match(value, /\*\*How to fix\*\* — .*exponential backoff and full jitter/);
		assert.match(value, /Browser \/ WHATWG `WebSocket#close\(\)`: no — throws `InvalidAccessError`/);
		assert.match(value, /`ws` \(Node\) `WebSocket#close\(\)`: yes/);
		assert.match(value, /On the wire \(in a Close frame\): yes/);
		assert.match(value, /\*\*Often confused with\*\*/);
		assert.match(value, /- \*\*1003 Unsupported Data\*\* — /);
		assert.match(value, /\[RFC 6455 §7\.4\.1\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc6455#section-7\.4\.1\)/);
	});

	test('1003 in English tells you to send the frame type the endpoint expects', () => {
		const value = hoverAt(wsClient("ws.close(10|03, 'binary only');"));
		assert.ok(value);
		assert.match(value, /^\*\*1003 Unsupported Data\*\*/);
		assert.match(value, /frame type the endpoint expects/);
		assert.match(value, /- \*\*1001 Going Away\*\* — /);
	});

	test('1001 and 1003 in Japanese read as Japanese, with the registry name kept', () => {
		const going = hoverAt(wsClient("ws.on('close', (code) => { if (code === 1001|) reconnect(); });"), 'ja');
		assert.ok(going);
		assert.match(going, /^\*\*1001 Going Away\*\* · 登録済みのクローズコード/);
		assert.match(going, /\*\*このコードが表示される場合\*\*/);
		assert.match(going, /\*\*解決方法\*\* — .*指数バックオフ/);
		assert.match(going, /\*\*混同しやすいコード\*\*/);
		const unsupported = hoverAt(wsClient("ws.close(|1003, 'x');"), 'ja');
		assert.ok(unsupported);
		assert.match(unsupported, /^\*\*1003 Unsupported Data\*\*/);
		assert.match(unsupported, /テキストフレーム/);
	});

	test('local-only codes say they are never sent', () => {
		const value = hoverAt(wsClient("ws.on('close', (code) => code === 100|6);"));
		assert.ok(value);
		assert.match(value, /On the wire \(in a Close frame\): no — reserved/);
		assert.match(value, /`ws` \(Node\) `WebSocket#close\(\)`: no — throws `TypeError`/);
	});

	test('ranges: invalid, unassigned, library, private, too high', () => {
		const cases: [string, RegExp][] = [
			["ws.close(|999);", /^\*\*999\*\* · invalid close code[\s\S]*0–999/],
			["ws.close(|2500);", /^\*\*2500\*\* · unassigned close code[\s\S]*1016–2999/],
			["ws.close(|3500);", /^\*\*3500\*\* · library\/framework range/],
			["ws.close(|4401);", /^\*\*4401\*\* · private-use range[\s\S]*Browser \/ WHATWG `WebSocket#close\(\)`: yes/],
			["ws.close(|5000);", /^\*\*5000\*\* · invalid close code[\s\S]*from 5000 up/],
		];
		for (const [line, pattern] of cases) {
			const value = hoverAt(wsClient(line));
			assert.ok(value, line);
			assert.match(value, pattern, line);
			assert.match(value, /\[RFC 6455 §7\.4\.2\]/, line);
		}
	});

	test('a name that refers to a constant shows the constant\'s code and where it came from', () => {
		const value = hoverAt(lines("import WebSocket from 'ws';", 'const GOING_AWAY = 1001;', 'declare const ws: WebSocket;', "ws.close(GOING|_AWAY, 'bye');"));
		assert.ok(value);
		assert.match(value, /^\*\*1001 Going Away\*\*/);
		assert.match(value, /Resolved from `GOING_AWAY`/);
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
