import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import type { Hover } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/service';
import { hoverText, positionOf, TestClient } from './lspClient';

const uri = (name: string) => `file:///workspace/${name}`;
const browserClient = "const socket = new WebSocket('wss://x');\nsocket.close(1001, 'leaving');\n";

describe('server resilience', () => {
	test('a request that makes a handler throw gets an empty answer and a log line; the next request works', async () => {
		const { client } = await TestClient.start({ transport: 'stdio', pullDiagnostics: true });
		try {
			await client.open(uri('a.ts'), browserClient);
			// A client bug: a hover without a position. The handler throws inside the service.
			const broken = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri('a.ts') } });
			assert.equal(broken, null);
			await client.until(() => client.logMessages.some((message) => message.type === 1 && /^hover failed on file:\/\/\/workspace\/a\.ts/.test(message.message)));
			assert.match(hoverText(await client.hover(uri('a.ts'), positionOf(browserClient, '1001', 1))), /Going Away/);
		} finally {
			await client.stop();
		}
	});

	test('1,000 rapid didChange notifications end with the diagnostics of a fresh analysis of the final text', async () => {
		const { client } = await TestClient.start({ transport: 'stdio' });
		try {
			let document = TextDocument.create(uri('typing.ts'), 'typescript', 1, browserClient);
			await client.open(document.uri, document.getText());
			const codes = [1001, 1004, 1000, 4001, 999, 1015, 2500];
			for (let version = 2; version <= 1001; version++) {
				// Type a code into close(…) and, now and then, a line at the top: incremental ranges, as an editor sends.
				const text = document.getText();
				const start = text.indexOf('close(') + 6;
				const change = version % 5 === 0
					? { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `// ${version}\n` }
					: { range: { start: document.positionAt(start), end: document.positionAt(text.indexOf(',', start)) }, text: String(codes[version % codes.length]) };
				document = TextDocument.update(document, [change], version);
				void client.change(document.uri, version, [change]);
			}
			const expected = createLanguageService().doValidation(document, { locale: 'en' });
			assert.ok(expected.length > 0, 'the final text has a problem to report');
			const published = await client.until(() => {
				const diagnostics = client.published.get(document.uri);
				return diagnostics && JSON.stringify(diagnostics) === JSON.stringify(expected) ? diagnostics : undefined;
			});
			assert.equal(published.length, expected.length);
		} finally {
			await client.stop();
		}
	});

	test('a request cancelled while its settings are pulled answers empty instead of doing the work', async () => {
		const slow = () => new Promise((resolve) => setTimeout(() => resolve({ language: 'en' }), 400));
		const { client } = await TestClient.start({ transport: 'stdio', configuration: slow });
		try {
			await client.open(uri('c.ts'), browserClient);
			const position = positionOf(browserClient, '1001', 1);
			const source = new CancellationTokenSource();
			const cancelled = client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: uri('c.ts') }, position }, source.token);
			setTimeout(() => source.cancel(), 100);
			assert.equal(await cancelled, null);
			// The same request, not cancelled, does answer (settings are cached by now).
			assert.match(hoverText(await client.hover(uri('c.ts'), position)), /Going Away/);
		} finally {
			await client.stop();
		}
	});

	test('above websocketCloseCodes.maxFileSize: nothing is analysed, one information line is logged, and it works again below', async () => {
		let maxFileSize = 1000;
		const { client } = await TestClient.start({ transport: 'stdio', pullDiagnostics: true, configuration: () => ({ maxFileSize }) });
		try {
			const big = `${browserClient}${'// padding\n'.repeat(200)}`;
			await client.open(uri('big.ts'), big);
			const position = positionOf(big, '1001', 1);
			for (let index = 0; index < 3; index++) {
				assert.equal(await client.hover(uri('big.ts'), position), null);
				assert.deepEqual(await client.pullDiagnostics(uri('big.ts')), []);
			}
			const lines = client.logMessages.filter((message) => /big\.ts not analysed: .* is over websocketCloseCodes\.maxFileSize \(1000\)/.test(message.message));
			assert.equal(lines.length, 1);
			assert.equal(lines[0].type, 3, 'an information message');
			maxFileSize = 100_000;
			await client.settingsChanged({});
			assert.match(hoverText(await client.hover(uri('big.ts'), position)), /Going Away/);
		} finally {
			await client.stop();
		}
	});

	test('a 5 MB document with the default limit is skipped without blocking the server', async () => {
		const { client } = await TestClient.start({ transport: 'stdio', pullDiagnostics: true });
		try {
			const huge = browserClient.repeat(Math.ceil(5_000_000 / browserClient.length));
			await client.open(uri('huge.ts'), huge);
			await client.open(uri('small.ts'), browserClient);
			const started = Date.now();
			assert.equal(await client.hover(uri('huge.ts'), positionOf(huge, '1001', 1)), null);
			assert.match(hoverText(await client.hover(uri('small.ts'), positionOf(browserClient, '1001', 1))), /Going Away/);
			assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
		} finally {
			await client.stop();
		}
	});
});
