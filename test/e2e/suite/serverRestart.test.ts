/** What a person notices when the language server dies or the document is not a file. */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { extensionId, openEditor, poll, positionOf, waitForOurHover } from './helpers';

/** The process ids of this extension's server (its bundle path is unique to this installation). */
function serverProcesses(serverMain: string): number[] {
	try {
		return execFileSync('pgrep', ['-f', serverMain]).toString().trim().split('\n').filter((line) => line !== '').map(Number);
	} catch {
		return []; // pgrep exits 1 when nothing matches
	}
}

describe('Resilience', () => {
	it('the server process is killed: the client starts a new one and the next hover works', async () => {
		const document = (await openEditor('browserClient.ts')).document;
		const position = positionOf(document, 'event.code === 1001', '1001');
		await waitForOurHover(document, position, (text) => text.includes('Going Away'));
		const extension = vscode.extensions.getExtension(extensionId);
		assert.ok(extension, 'the extension is installed');
		const serverMain = join(extension.extensionPath, 'server', 'dist', 'node', 'serverMain.js');
		const [pid, ...others] = serverProcesses(serverMain);
		assert.ok(pid !== undefined && others.length === 0, `one server process: ${[pid, ...others].join(', ')}`);
		process.kill(pid, 'SIGKILL');
		const restarted = await poll(() => serverProcesses(serverMain), (pids) => pids.length === 1 && pids[0] !== pid,
			{ what: 'a new server process', timeoutMs: 30_000 });
		const hover = await waitForOurHover(document, position, (text) => text.includes('Going Away'));
		assert.ok(hover.includes('1001 Going Away'), hover);
		assert.notEqual(restarted[0], pid);
	});

	it('a document that is not a file (an untitled editor) gets hovers too', async () => {
		const document = await vscode.workspace.openTextDocument({
			language: 'typescript', content: "const socket = new WebSocket('wss://example.test');\nsocket.close(1000, 'done');\n",
		});
		await vscode.window.showTextDocument(document);
		assert.equal(document.uri.scheme, 'untitled');
		const hover = await waitForOurHover(document, positionOf(document, 'socket.close(1000', '1000'), (text) => text.includes('Normal Closure'));
		assert.ok(hover.includes('1000 Normal Closure'), hover);
	});
});
