import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from './lspClient';

const uri = (name: string) => `file:///workspace/${name}`;
const browserClient = "const socket = new WebSocket('wss://x');\nsocket.close(1001, 'leaving');\n";

describe('diagnostics over LSP', () => {
	test('push mode (a client without pull diagnostics): published on open, updated on edit, cleared on close', async () => {
		const { client, result } = await TestClient.start({ transport: 'stdio', locale: 'en' });
		try {
			assert.equal(result.capabilities.diagnosticProvider, undefined);
			await client.open(uri('push.ts'), browserClient);
			const first = await client.until(() => client.published.get(uri('push.ts')));
			assert.deepEqual(first.map((diagnostic) => [diagnostic.code, diagnostic.source, diagnostic.severity]), [['browser-close-code', 'websocket-close-codes', 1]]);
			await client.change(uri('push.ts'), 2, [{ range: first[0].range, text: '1000' }]);
			await client.until(() => client.published.get(uri('push.ts'))?.length === 0);
			await client.close(uri('push.ts'));
			assert.deepEqual(client.published.get(uri('push.ts')), []);
		} finally {
			await client.stop();
		}
	});

	test('pull mode with per-document settings: environment and language changes refresh the diagnostics', async () => {
		let settings: Record<string, unknown> = { language: 'en', environment: 'auto' };
		const { client, result } = await TestClient.start({ transport: 'ipc', locale: 'en', pullDiagnostics: true, configuration: () => settings });
		try {
			assert.ok(result.capabilities.diagnosticProvider);
			const text = "export function stop(socket: { close(code?: number): void }) { socket.close(1001); }\n";
			await client.open(uri('pull.ts'), text);
			assert.deepEqual(await client.pullDiagnostics(uri('pull.ts')), [], 'auto: the file does not say which API');
			settings = { language: 'ja', environment: 'browser' };
			await client.settingsChanged({ websocketCloseCodes: settings });
			await client.until(() => client.refreshRequests > 0);
			const [diagnostic] = await client.pullDiagnostics(uri('pull.ts'));
			assert.equal(diagnostic.code, 'browser-close-code');
			assert.match(String(diagnostic.message), /InvalidAccessError/);
			assert.match(String(diagnostic.message), /受け付けるのは/);
			settings = { diagnostics: { enabled: false } };
			await client.settingsChanged({ websocketCloseCodes: settings });
			assert.deepEqual(await client.pullDiagnostics(uri('pull.ts')), []);
		} finally {
			await client.stop();
		}
	});

	test('code actions carry the edit; applying it leaves no diagnostic', async () => {
		const { client } = await TestClient.start({ transport: 'stdio', locale: 'en' });
		try {
			const text = "import WebSocket from 'ws';\nconst ws = new WebSocket('ws://x');\nws.close(1006, 'crash');\n";
			await client.open(uri('fix.ts'), text);
			const diagnostics: Diagnostic[] = await client.until(() => client.published.get(uri('fix.ts')));
			assert.equal(diagnostics[0].code, 'reserved-close-code');
			const actions = await client.codeActions(uri('fix.ts'), diagnostics[0].range, diagnostics);
			assert.deepEqual(actions?.map((action) => [action.title, action.isPreferred ?? false]), [
				['Use 1011 (Internal Error)', true], ['Use 1000 (Normal Closure)', false],
			]);
			const edit = actions?.[0].edit?.changes?.[uri('fix.ts')]?.[0];
			assert.ok(edit);
			assert.equal(edit.newText, '1011');
			await client.change(uri('fix.ts'), 2, [{ range: edit.range, text: edit.newText }]);
			await client.until(() => client.published.get(uri('fix.ts'))?.length === 0);
		} finally {
			await client.stop();
		}
	});
});
