/** The extension activates when a JavaScript or TypeScript file opens, and serves both languages. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionId, openEditor, poll, positionOf, waitForOurHover } from './helpers';

describe('Activation', () => {
	it('stays inactive until a TypeScript file opens, then activates', async () => {
		const extension = vscode.extensions.getExtension(extensionId);
		assert.ok(extension, `${extensionId} is not installed in this VS Code`);
		// This file runs first: no JavaScript or TypeScript editor has been opened yet.
		assert.equal(extension.isActive, false, 'the extension was active before any JavaScript/TypeScript file opened');

		const editor = await openEditor('browserClient.ts');
		assert.equal(editor.document.languageId, 'typescript');
		await poll(() => extension.isActive, (active) => active, { what: `${extensionId} to activate` });
	});

	it('is active in a JavaScript file and answers there', async () => {
		const editor = await openEditor('wsServer.js');
		assert.equal(editor.document.languageId, 'javascript');
		const extension = vscode.extensions.getExtension(extensionId);
		assert.ok(extension?.isActive, 'the extension is not active with a JavaScript file open');

		const position = positionOf(editor.document, "client.close(1001, 'server shutting down')", '1001');
		const hover = await waitForOurHover(editor.document, position);
		assert.ok(hover.includes('1001 Going Away'), `unexpected hover in wsServer.js:\n${hover}`);
	});
});
