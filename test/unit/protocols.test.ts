import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { createLanguageService, protocolPacks, type Locale } from '../../server/src/service';
import { en } from '../../server/src/service/l10n/en';
import { ja } from '../../server/src/service/l10n/ja';
import { serverVersion } from '../../server/src/version';
import { lines, makeDocument, withCursor } from './helpers';

const service = createLanguageService();

function hoverAt(textWithCursor: string, locale: Locale = 'en'): string | null {
	const { text, offset } = withCursor(textWithCursor);
	const document = makeDocument(text, 'proto.ts');
	const hover = service.doHover(document, document.positionAt(offset), { locale });
	return hover ? (hover.contents as { value: string }).value : null;
}

const received = (importLine: string, code: string) => lines(importLine, 'const ws = new WebSocket("wss://x");',
	`ws.onclose = (event) => { if (event.code === ${code}) stop(); };`);

describe('protocol packs', () => {
	// One row per pack: the import that turns it on, a code, and what the hover's first line must say.
	const cases: [string, string, RegExp, RegExp][] = [
		["import { createClient } from 'graphql-ws';", '44|01', /^\*\*4401 Unauthorized\*\* · graphql-ws · received here/, /does not reconnect/],
		["import { createClient } from 'graphql-ws';", '45|04', /^\*\*4504 ConnectionAcknowledgementTimeout\*\* · graphql-ws/, /client reconnects after it/],
		["import { createClient } from 'graphql-ws';", '44|99', /^\*\*4499 Terminated\*\* · graphql-ws/, /client\.terminate\(\)/],
		["import { GatewayCloseCodes } from 'discord-api-types/v10';", '40|04', /^\*\*4004 AuthenticationFailed\*\* · Discord gateway/, /does not reconnect/],
		["const { Client } = require('discord.js');", '40|14', /^\*\*4014 DisallowedIntents\*\* · Discord gateway/, /privileged intent/],
		["import OBSWebSocket from 'obs-websocket-js';", '40|09', /^\*\*4009 AuthenticationFailed\*\* · obs-websocket/, /password/],
		["import { HocuspocusProvider } from '@hocuspocus/provider';", '44|01', /^\*\*4401 Unauthorized\*\* · Hocuspocus/, /onAuthenticate/],
		["import Pusher from 'pusher-js';", '41|00', /^\*\*4100 Back off\*\* · Pusher protocol/, /backing off/],
		["import Pusher from 'pusher-js';", '40|01', /^\*\*4001 Refused\*\* · Pusher protocol/, /does not reconnect/],
		["import { Centrifuge } from 'centrifuge';", '45|01', /^\*\*4501 Custom, terminal\*\* · Centrifugo/, /does not reconnect/],
		["import { Centrifuge } from 'centrifuge';", '35|00', /^\*\*3500 Terminal\*\* · Centrifugo/, /does not reconnect/],
	];
	for (const [importLine, code, first, advice] of cases) {
		test(`${importLine} → ${code.replace('|', '')}`, () => {
			const value = hoverAt(received(importLine, code));
			assert.ok(value);
			assert.match(value, first);
			assert.match(value, advice);
			assert.doesNotMatch(value, /convention/, 'a documented protocol code is not a guess');
			const pack = protocolPacks.find((candidate) => value.includes(`](${candidate.source})`));
			assert.ok(pack, 'the hover links the protocol\'s source');
		});
	}

	test('precision: no pack without the import; a comment or string naming the library does not count', () => {
		for (const header of ['// uses graphql-ws', "const name = 'graphql-ws';", "import { graphql } from 'graphql';"]) {
			const value = hoverAt(received(header, '44|01'));
			assert.ok(value);
			assert.match(value, /^\*\*4401\*\* · private-use range/, header);
			assert.match(value, /convention/, header);
		}
	});

	test('Japanese: the protocol advice is Japanese', () => {
		const value = hoverAt(received("import { createClient } from 'graphql-ws';", '44|01'), 'ja');
		assert.ok(value);
		assert.match(value, /^\*\*4401 Unauthorized\*\* · graphql-ws · ここで受信/);
		assert.match(value, /graphql-ws のクライアントはこのコードの後に再接続しません/);
	});

	test('completion offers the protocol\'s codes with its names; inlay hints name them', () => {
		const { text, offset } = withCursor(lines("import { createClient } from 'graphql-ws';", 'const ws = new WebSocket("wss://x");',
			'ws.onclose = (event) => { if (event.code === |) stop(); };', 'ws.close(4403);'));
		const document = makeDocument(text, 'proto.ts');
		const items = service.doComplete(document, document.positionAt(offset), { locale: 'en' }) ?? [];
		assert.equal(items.find((item) => item.label === '4401')?.labelDetails?.description, 'Unauthorized · graphql-ws');
		const hints = service.getInlayHints(document, { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, { locale: 'en' });
		assert.deepEqual(hints.map((hint) => hint.label), ['Forbidden · graphql-ws']);
	});

	test('a library\'s named code (CloseCode.Forbidden) is that code: hover, sent or received, every import form', () => {
		const cases: [string, string, RegExp][] = [
			["import { CloseCode } from 'graphql-ws';", 'ws.close(CloseCode.For|bidden, "no");', /^\*\*CloseCode\.Forbidden\*\* = 4403 Forbidden · graphql-ws · sent here/],
			["import { CloseCode as C } from 'graphql-ws/client';", 'ws.onclose = (e) => { if (e.code === C.Unau|thorized) login(); };', /^\*\*C\.Unauthorized\*\* = 4401 Unauthorized · graphql-ws · received here/],
			["import * as gql from 'graphql-ws';", 'ws.onclose = (e) => { if (e.code === gql.CloseCode.Bad|Request) fix(); };', /^\*\*gql\.CloseCode\.BadRequest\*\* = 4400 BadRequest · graphql-ws/],
			["const { GatewayCloseCodes } = require('discord.js');", 'ws.onclose = (e) => { if (e.code === GatewayCloseCodes.Invalid|Seq) resume(); };', /^\*\*GatewayCloseCodes\.InvalidSeq\*\* = 4007 InvalidSeq · Discord gateway/],
			["import { Forbidden } from '@hocuspocus/common';", 'ws.onclose = (e) => { if (e.code === Forbidden.co|de) deny(); };', /^\*\*Forbidden\.code\*\* = 4403 Forbidden · Hocuspocus/],
		];
		for (const [importLine, use, first] of cases) {
			const value = hoverAt(lines(importLine, 'const ws = new WebSocket("wss://x");', use));
			assert.ok(value, use);
			assert.match(value, first, use);
		}
	});

	test('precision: a name the library does not export that way, a local look-alike, or no import gives nothing', () => {
		for (const [importLine, use] of [
			["import { CloseCode } from 'graphql-ws';", 'ws.onclose = (e) => { if (e.code === CloseCode.Termi|nated) stop(); };'], // 4499 is not in the enum
			["import { CloseCode } from 'graphql-ws';", 'ws.onclose = (e) => { if (e.code === CloseCode.NotA|Code) stop(); };'],
			["import { GatewayCloseCodes } from 'discord-api-types/v10';", 'ws.onclose = (e) => { if (e.code === GatewayCloseCodes.Unknown|Error2) stop(); };'],
			["import { CloseCode } from './graphql-ws';", 'ws.close(CloseCode.For|bidden, "no");'],
			["import { Forbidden } from '@hocuspocus/common';", 'ws.close(Forbidden.rea|son);'],
		]) {
			assert.equal(hoverAt(lines(importLine, 'const ws = new WebSocket("wss://x");', use)), null, use);
		}
		// A local object of the same name is that object, whatever a library calls its codes.
		const local = hoverAt(lines("import { createClient } from 'graphql-ws';", 'const CloseCode = { Forbidden: 4000 };',
			'const ws = new WebSocket("wss://x");', 'ws.close(CloseCode.For|bidden, "no");'));
		assert.match(local ?? '', /^\*\*CloseCode\.Forbidden\*\* = 4000 · /);
	});

	test('every pack has its source, its modules, codes in 3000–4999 and both languages', () => {
		for (const pack of protocolPacks) {
			assert.match(pack.source, /^https:\/\//, pack.id);
			assert.ok(pack.modules.length > 0, pack.id);
			for (const entry of [...pack.codes, ...(pack.ranges ?? [])]) {
				const low = 'code' in entry ? entry.code : entry.from;
				assert.ok(low >= 3000 && low <= 4999, `${pack.id} ${low}`);
				assert.ok(entry.en.length > 10 && /[\u3040-\u30ff\u4e00-\u9fff]/.test(entry.ja), `${pack.id} ${low}`);
			}
		}
		const graphql = protocolPacks.find((pack) => pack.id === 'graphql-ws');
		assert.deepEqual(graphql?.codes.map((entry) => entry.code).filter((code) => code >= 4400).sort(), [4400, 4401, 4403, 4406, 4408, 4409, 4429, 4499, 4500, 4504]);
		const discord = protocolPacks.find((pack) => pack.id === 'discord-gateway');
		assert.deepEqual(discord?.codes.map((entry) => entry.code), [4000, 4001, 4002, 4003, 4004, 4005, 4007, 4008, 4009, 4010, 4011, 4012, 4013, 4014]);
	});
});

describe('Japanese style and EN/JA parity', () => {
	test('one range style (3000〜4999), units with a space (60 秒), no English in labels, headings or link texts', () => {
		for (const [key, text] of Object.entries(ja)) {
			assert.doesNotMatch(text.replace(/`[^`]*`/g, ''), /\d[–-]\d/, `${key} uses 〜 for ranges`);
			assert.doesNotMatch(text, /\d(秒|s\b)/, `${key} writes units as "60 秒"`);
			if (/^(label\.|hover\.heading\.|hover\.role\.|link\.|ref\.(heading|column|title)|hover\.more|http\.)/.test(key)) {
				// Spec names (RFC, IANA, WHATWG, TLS) and placeholders are not English prose.
				const rest = text.replace(/WebSocket|RFC|IANA|WHATWG|TLS|close\(\)|\{\d\}/g, '');
				assert.doesNotMatch(rest, /[A-Za-z]{2,}/, `${key}: ${text}`);
			}
		}
	});

	test('the reference page has the same sections in both languages, and the Japanese one reads as Japanese', () => {
		for (const code of [1001, 1003, 1006, 4401]) {
			const headings = (locale: Locale) => service.getReference(locale, code).split('\n').filter((line) => line.startsWith('#'));
			assert.equal(headings('ja').length, headings('en').length, String(code));
			assert.ok(headings('ja').some((heading) => heading === '## 送信の可否'), String(code));
			assert.ok(headings('ja').some((heading) => heading === '## このコードを受け取る場面'), String(code));
			assert.ok(headings('ja').some((heading) => heading === '## 対処方法'), String(code));
		}
		const page = service.getReference('en', 1001);
		for (const section of ['## When you see it', '## How to fix', '## When to send it', '## Who may send it', '## Often confused with', '### 1003 Unsupported Data', '## Links']) {
			assert.ok(page.includes(section), section);
		}
		assert.deepEqual(Object.keys(ja).sort(), Object.keys(en).sort());
	});

	test('the server reports the version package.json has', () => {
		assert.equal(serverVersion, JSON.parse(readFileSync('package.json', 'utf8')).version);
	});
});
