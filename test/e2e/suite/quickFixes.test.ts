/**
 * The quick fixes a person picks from the light bulb (Ctrl+.): which ones are offered, and what the saved file
 * contains after choosing one.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyAndSave, codeActionsAt, openEditor, waitForOurDiagnostics } from './helpers';

/**
 * The quick fixes offered on our diagnostic (the "Quick Fix" section of the Ctrl+. menu). Refactorings that the
 * TypeScript extension offers at the same spot are of another kind and left out.
 */
async function quickFixesAtOurDiagnostic(document: vscode.TextDocument): Promise<vscode.CodeAction[]> {
	const [problem] = await waitForOurDiagnostics(document.uri, (all) => all.length > 0, 'a diagnostic');
	return codeActionsAt(document.uri, problem.range, vscode.CodeActionKind.QuickFix);
}

describe('Quick fixes', () => {
	it('close(1001) in a browser client: offers 1000 and 4001; choosing 4001 saves socket.close(4001, …)', async () => {
		const { document } = await openEditor('browserProblems.ts');
		const fixes = await quickFixesAtOurDiagnostic(document);
		assert.deepEqual(fixes.map((fix) => fix.title), ['Use 1000 (Normal Closure)', 'Use 4001 (private-use code mirroring 1001 Going Away)']);

		const onDisk = await applyAndSave(document, fixes[1]);
		assert.ok(onDisk.includes("\tsocket.close(4001, 'page hidden');\n"), `saved file:\n${onDisk}`);
		assert.ok(!onDisk.includes('close(1001'), `saved file still sends 1001:\n${onDisk}`);
		await waitForOurDiagnostics(document.uri, (all) => all.length === 0, 'the error to go away after the fix');
	});

	it('a reserved 1006 sent through ws: prefers 1011; choosing it saves socket.close(1011, …)', async () => {
		const { document } = await openEditor('nodeProblems.js');
		const fixes = await quickFixesAtOurDiagnostic(document);
		const preferred = fixes.filter((fix) => fix.isPreferred);
		assert.deepEqual(preferred.map((fix) => fix.title), ['Use 1011 (Internal Error)'], `offered: ${fixes.map((fix) => fix.title).join(' | ')}`);

		const onDisk = await applyAndSave(document, preferred[0]);
		assert.ok(onDisk.includes("\tsocket.close(1011, 'no heartbeat');\n"), `saved file:\n${onDisk}`);
		await waitForOurDiagnostics(document.uri, (all) => all.length === 0, 'the error to go away after the fix');
	});
});
