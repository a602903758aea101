import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { existsSync } from 'node:fs';
import { hoverText, positionOf, serverPath, TestClient } from './lspClient';
import { chromiumPath } from './workerTransport';

const uri = (name: string) => `file:///workspace/${name}`;

/** One fixture with every pattern of the foundation issue; `needle` locates each site. */
const patterns = [
	"import WebSocket from 'ws';",
	"const ws = new WebSocket('wss://example.test');",
	"ws.close(1001, 'server restart');",
	"const fabricated = new CloseEvent('close', { code: 1006 });",
	'ws.onclose = (event) => { if (event.code === 1012) later(); };',
	'ws.addEventListener("close", (e) => { if (e.code !== 1000) report(); });',
	'ws.on("close", (code) => { if (code === 1013) later(); });',
	'ws.on("close", (code) => { switch (code) { case 1011: retry(); break; } });',
	'ws.on("close", (code) => { if ([1002, 1007].includes(code)) stop(); if (new Set([4401]).has(code)) login(); });',
	'enum CloseCode { GoingAway = 1001, Kicked = 4000 }',
	'const TRY_AGAIN_LATER = 1013;',
	'const SHUTDOWN = 4500;',
	"ws.close(SHUTDOWN, 'bye');",
	'setTimeout(() => ws.close(1000), 3000);',
	'const server = { port: 3000, delay: 4000, big: 1_000 };',
].join('\n');

const expectations: { needle: string; delta?: number; en: string; ja?: string }[] = [
	{ needle: "1001, 'server", en: '**1001 Going Away**' },
	{ needle: '1006 }', en: '**1006 Abnormal Closure**' },
	{ needle: '1012)', en: '**1012 Service Restart**' },
	{ needle: '1000) report', en: '**1000 Normal Closure**' },
	{ needle: '1013) later', en: '**1013 Try Again Later**' },
	{ needle: '1011:', en: '**1011 Internal Error**' },
	{ needle: '1002, 1007', en: '**1002 Protocol Error**' },
	{ needle: '1007]', en: '**1007 Invalid Frame Payload Data**' },
	{ needle: '4401]', en: '**4401** · private-use range' },
	{ needle: '1001, Kicked', en: '**CloseCode.GoingAway** = 1001' },
	{ needle: '4000 }', en: '**CloseCode.Kicked** = 4000' },
	{ needle: '1013;', en: '**TRY_AGAIN_LATER** = 1013' },
	{ needle: "SHUTDOWN, 'bye'", delta: 3, en: '**SHUTDOWN** = 4500' },
	{ needle: '4500;', en: '**SHUTDOWN** = 4500' },
	{ needle: '1000), 3000', en: '**1000 Normal Closure**' },
];

const negatives = ['3000);', 'port: 3000', '4000, big', '1_000'];

// The same probes over stdio (the Node server) and through the web worker in Chromium (vscode.dev's server). Without
// Chromium (scripts/setup-vscode.sh installs it) the worker run is skipped and says so — except in CI, where it fails.
const workerSkip = !existsSync(chromiumPath) && process.env.CI !== 'true' ? `${chromiumPath} is missing: run scripts/setup-vscode.sh` : false;
for (const transport of ['stdio', 'worker'] as const) describe(`LSP ${transport === 'stdio' ? 'over stdio' : 'in the web worker (Chromium)'} (English)`, { skip: transport === 'worker' && workerSkip }, () => {
	let client: TestClient;
	before(async () => {
		const started = await TestClient.start({ transport, locale: 'en' });
		client = started.client;
		assert.equal(started.result.capabilities.hoverProvider, true);
		assert.equal(started.result.capabilities.textDocumentSync, 2, 'incremental sync');
		await client.open(uri('patterns.ts'), patterns);
	});
	after(async () => {
		assert.equal(await client.stop(), 0);
	});

	for (const { needle, delta, en } of expectations) {
		test(`hover at ${needle}`, async () => {
			const text = hoverText(await client.hover(uri('patterns.ts'), positionOf(patterns, needle, delta ?? 1)));
			assert.ok(text.startsWith(en), `expected ${en}, got ${text.slice(0, 80)}`);
			assert.match(text, /· (sent|received|defined) here/, 'the hover says what the site does with the code');
			assert.ok(!text.includes('command:'), 'no command link for a client that did not ask for them');
		});
	}

	for (const needle of negatives) {
		test(`no hover at ${needle}`, async () => {
			const hover = await client.hover(uri('patterns.ts'), positionOf(patterns, needle, needle.indexOf('0') + 1));
			assert.equal(hover, null);
		});
	}

	test('hover follows incremental edits', async () => {
		const name = uri('edit.js');
		const text = "socket.onclose = (event) => {\n  if (event.code === 1001) reconnect();\n};\n";
		await client.open(name, text, 'javascript');
		await client.change(name, 2, [{ range: { start: { line: 1, character: 21 }, end: { line: 1, character: 25 } }, text: '1003' }]);
		const hover = hoverText(await client.hover(name, { line: 1, character: 22 }));
		assert.ok(hover.startsWith('**1003 Unsupported Data**'), hover.slice(0, 60));
	});

	test('malformed, binary and closed documents get a clear null, and the server keeps serving', async () => {
		await client.open(uri('broken.ts'), 'ws.close(1001, \nif (event.code === ) { function (', 'typescript');
		assert.ok(hoverText(await client.hover(uri('broken.ts'), { line: 0, character: 10 })).startsWith('**1001'));
		await client.open(uri('blob.js'), `ws.close(1001);\u0000\u0000\u0001`, 'javascript');
		assert.equal(await client.hover(uri('blob.js'), { line: 0, character: 10 }), null);
		await client.close(uri('broken.ts'));
		assert.equal(await client.hover(uri('broken.ts'), { line: 0, character: 10 }), null);
		assert.ok(hoverText(await client.hover(uri('patterns.ts'), positionOf(patterns, "1001, 'server", 1))).startsWith('**1001'));
	});
});

describe('LSP over stdio (Japanese from InitializeParams.locale)', () => {
	test('hover for 1001 and 1003 in Japanese', async () => {
		const { client } = await TestClient.start({ transport: 'stdio', locale: 'ja' });
		try {
			const text = "import WebSocket from 'ws';\nconst ws = new WebSocket('ws://x');\nws.on('close', (code) => { if (code === 1001) go(); });\nws.close(1003, 'binary');\n";
			await client.open(uri('ja.ts'), text);
			const going = hoverText(await client.hover(uri('ja.ts'), positionOf(text, '1001', 1)));
			assert.ok(going.startsWith('**1001 Going Away** · 登録済みのクローズコード'), going.slice(0, 80));
			assert.match(going, /\*\*対処方法\*\* — .*バックオフ/);
			const unsupported = hoverText(await client.hover(uri('ja.ts'), positionOf(text, '1003', 1)));
			assert.ok(unsupported.startsWith('**1003 Unsupported Data**'));
			assert.match(unsupported, /\*\*送信の可否\*\*/);
		} finally {
			await client.stop();
		}
	});
});

describe('LSP over IPC with pulled settings (as VS Code runs it)', () => {
	test('websocketCloseCodes.language overrides the editor locale, per document, and follows changes', async () => {
		let settings: Record<string, unknown> = { language: 'ja', hover: { enabled: true } };
		const { client } = await TestClient.start({ transport: 'ipc', locale: 'en', configuration: () => settings });
		try {
			const text = "ws.onclose = (e) => { if (e.code === 1001) retry(); };";
			await client.open(uri('settings.js'), text, 'javascript');
			const ja = hoverText(await client.hover(uri('settings.js'), positionOf(text, '1001', 1)));
			assert.match(ja, /\*\*対処方法\*\*/);
			assert.deepEqual(client.configurationRequests.at(-1), { scopeUri: uri('settings.js'), section: 'websocketCloseCodes' });

			settings = { language: 'en' };
			await client.settingsChanged({ websocketCloseCodes: settings });
			const en = hoverText(await client.hover(uri('settings.js'), positionOf(text, '1001', 1)));
			assert.match(en, /\*\*How to fix\*\*/);

			settings = { language: 'auto', hover: { enabled: false } };
			await client.settingsChanged({ websocketCloseCodes: settings });
			assert.equal(await client.hover(uri('settings.js'), positionOf(text, '1001', 1)), null);
		} finally {
			await client.stop();
		}
	});

	test('nonsense settings fall back to the defaults', async () => {
		const { client } = await TestClient.start({ transport: 'ipc', locale: 'ja-JP', configuration: () => ({ language: 42, hover: 'yes' }) });
		try {
			const text = "ws.onclose = (e) => { if (e.code === 1001) retry(); };";
			await client.open(uri('nonsense.js'), text, 'javascript');
			assert.match(hoverText(await client.hover(uri('nonsense.js'), positionOf(text, '1001', 1))), /\*\*対処方法\*\*/);
		} finally {
			await client.stop();
		}
	});
});

describe('the reference page over LSP (what "More…" opens in VS Code)', () => {
	test('a client that asks for command links gets "More…", and the reference request returns the full page', async () => {
		const { client, result } = await TestClient.start({ transport: 'stdio', locale: 'en', initializationOptions: { commandLinks: true } });
		try {
			assert.equal(result.serverInfo?.version, '0.1.0');
			const text = "ws.onclose = (e) => { if (e.code === 1001) retry(); };";
			await client.open(uri('more.js'), text, 'javascript');
			const hover = hoverText(await client.hover(uri('more.js'), positionOf(text, '1001', 1)));
			const link = /\[More…\]\(command:websocketCloseCodes\.showReference\?([^)]+)\)/.exec(hover);
			assert.ok(link, hover);
			assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), [{ code: 1001, locale: 'en' }]);

			const page = await client.connection.sendRequest<{ markdown: string }>('websocketCloseCodes/reference', { code: 1001, language: 'ja' });
			assert.match(page.markdown, /^# 1001 Going Away/);
			for (const heading of ['## このコードを受け取る場面', '## 対処方法', '## 送信の可否', '## 混同しやすいコード', '### 1003 Unsupported Data', '### 1012 Service Restart']) {
				assert.ok(page.markdown.includes(heading), `${heading} in\n${page.markdown}`);
			}
			const index = await client.connection.sendRequest<{ markdown: string }>('websocketCloseCodes/reference', { language: 'en' });
			assert.match(index.markdown, /^# WebSocket close codes/);
			assert.match(index.markdown, /\| 1015 \| TLS Handshake/);
			assert.ok(client.logMessages.some((message) => /WebSocket Close Codes server 0\.1\.0 · locale en .*Node \d+/.test(message.message)), client.logMessages.map((message) => message.message).join('\n'));
		} finally {
			await client.stop();
		}
	});
});

describe('the ws-close-codes-language-server binary', () => {
	test('speaks stdio when started without a transport flag', async () => {
		const child = spawn(process.execPath, [serverPath], { stdio: ['pipe', 'pipe', 'pipe'] });
		const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
		child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
		const reply = await new Promise<string>((resolve, reject) => {
			let output = '';
			child.stdout.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				if (output.includes('"hoverProvider":true')) {
					resolve(output);
				}
			});
			child.on('exit', () => reject(new Error(`exited before answering: ${output}`)));
		});
		assert.match(reply, /^Content-Length: \d+\r\n\r\n/);
		child.kill();
	});
});
