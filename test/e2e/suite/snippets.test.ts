/** The contributed snippets, inserted the way the snippet picker and the suggest widget do. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openEditor, poll, positionOf, saveAndRead, waitForOurHover } from './helpers';

/** Inserts a contributed snippet by its name into the (empty) workspace file, saves, and returns the file on disk. */
async function insertSnippetInto(file: string, langId: string, name: string): Promise<{ document: vscode.TextDocument; onDisk: string }> {
	const editor = await openEditor(file);
	assert.equal(editor.document.getText(), '', `${file} is not empty`);
	await vscode.commands.executeCommand('editor.action.insertSnippet', { langId, name });
	assert.notEqual(editor.document.getText(), '', `the snippet "${name}" inserted nothing`);
	// Leave the snippet's placeholders with their defaults, as pressing Escape does.
	await vscode.commands.executeCommand('leaveSnippet');
	return { document: editor.document, onDisk: await saveAndRead(editor.document) };
}

/** Checks lines by their content: the editor re-indents snippet bodies with its own settings (4 spaces here). */
function assertLines(onDisk: string, lines: string[]): void {
	const trimmed = onDisk.split('\n').map((line) => line.trim());
	for (const line of lines) {
		assert.ok(trimmed.includes(line), `the file does not contain the line ${JSON.stringify(line)}:\n${onDisk}`);
	}
}

describe('Snippets', () => {
	it('"WebSocket Server Graceful Shutdown (ws, 1001)" (ws-shutdown) in TypeScript: closes every client with 1001', async () => {
		const { document, onDisk } = await insertSnippetInto('snippetTarget.ts', 'typescript', 'WebSocket Server Graceful Shutdown (ws, 1001)');
		assertLines(onDisk, [
			"import { WebSocketServer } from 'ws';",
			'const wss = new WebSocketServer({ port: 8080 });',
			'client.close(1001, SHUTDOWN_REASON);',
			"process.on('SIGTERM', onSignal);",
		]);
		// The inserted code is ordinary code to the extension: its close code has our hover.
		const hover = await waitForOurHover(document, positionOf(document, 'client.close(1001, SHUTDOWN_REASON)', '1001'));
		assert.ok(hover.includes('1001 Going Away'), `hover in the inserted code:\n${hover}`);
	});

	it('ws-shutdown in a CommonJS JavaScript file comes from the language server with require()', async () => {
		const editor = await openEditor('commonjsServer.js');
		const position = editor.document.positionAt(editor.document.getText().lastIndexOf('ws-sh') + 'ws-sh'.length);
		const list = await poll(
			async () => await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position),
			(result) => result.items.some((item) => item.label === 'ws-shutdown'),
			{ what: 'the served ws-shutdown completion', timeoutMs: 20_000 },
		);
		const item = list.items.find((candidate) => candidate.label === 'ws-shutdown');
		assert.equal(item?.kind, vscode.CompletionItemKind.Snippet);
		const inserted = item?.insertText instanceof vscode.SnippetString ? item.insertText.value : String(item?.insertText ?? '');
		assert.ok(inserted.startsWith("const { WebSocketServer } = require('ws');"), inserted.slice(0, 200));
		assert.ok(!/^import /m.test(inserted), 'no import statement in a CommonJS file');
	});

	it('"WebSocket Reject Binary Messages (ws, 1003)" (ws-reject-binary) in JavaScript: closes with 1003', async () => {
		const { onDisk } = await insertSnippetInto('snippetTarget.js', 'javascript', 'WebSocket Reject Binary Messages (ws, 1003)');
		assertLines(onDisk, [
			"ws.on('message', (data, isBinary) => {",
			"ws.close(1003, 'Only text messages are accepted');",
		]);
	});
});
