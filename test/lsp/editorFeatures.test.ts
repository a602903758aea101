import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { CodeAction, CompletionItem, InlayHint } from 'vscode-languageserver-protocol';
import { positionOf, TestClient } from './lspClient';

const uri = 'file:///workspace/features.ts';
const text = "const socket = new WebSocket('wss://x');\nsocket.close(\nsocket.close(1008, 'policy');\n";

describe('completion, inlay hints and refactors over LSP', () => {
	test('advertised, and answered by the built server', async () => {
		const { client, result } = await TestClient.start({ transport: 'stdio', locale: 'en' });
		try {
			assert.deepEqual(result.capabilities.completionProvider?.triggerCharacters, ['(', ' ']);
			assert.equal(result.capabilities.inlayHintProvider, true);
			await client.open(uri, text);
			const completions = await client.connection.sendRequest<CompletionItem[] | null>('textDocument/completion',
				{ textDocument: { uri }, position: { line: 1, character: 13 }, context: { triggerKind: 2, triggerCharacter: '(' } });
			assert.deepEqual(completions?.map((item) => item.label), ['1000', '3000', '3003', '3008', '4000']);
			const hints = await client.connection.sendRequest<InlayHint[] | null>('textDocument/inlayHint',
				{ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } } });
			assert.deepEqual(hints?.map((hint) => hint.label), ['Policy Violation']);
			const position = positionOf(text, '1008', 1);
			const refactors = await client.connection.sendRequest<CodeAction[] | null>('textDocument/codeAction',
				{ textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [], only: ['refactor'] } });
			assert.deepEqual(refactors?.map((action) => [action.kind, action.title]), [['refactor.extract.constant', 'Replace 1008 with CloseCode.PolicyViolation']]);
		} finally {
			await client.stop();
		}
	});
});
