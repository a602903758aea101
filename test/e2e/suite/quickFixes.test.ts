/**
 * The quick fixes a person picks from the light bulb (Ctrl+.): which ones are offered, and what the saved file
 * contains after choosing one.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyAndSave, codeActionsAt, openEditor, poll, positionOf, waitForOurDiagnostics } from './helpers';

/**
 * The quick fixes offered on our diagnostic (the "Quick Fix" section of the Ctrl+. menu). Refactorings that the
 * TypeScript extension offers at the same spot are of another kind and left out.
 */
async function quickFixesAtOurDiagnostic(document: vscode.TextDocument): Promise<vscode.CodeAction[]> {
	const [problem] = await waitForOurDiagnostics(document.uri, (all) => all.length > 0, 'a diagnostic');
	return codeActionsAt(document.uri, problem.range, vscode.CodeActionKind.QuickFix);
}

/**
 * Waits until the quick fix titled `title` is offered with the cursor on `token` inside `context` (the code-writing
 * fixes need no diagnostic: they are offered on the code itself) and returns it with everything offered there.
 */
async function waitForQuickFix(document: vscode.TextDocument, context: string, token: string, title: string, kind = vscode.CodeActionKind.QuickFix) {
	const position = positionOf(document, context, token);
	const offered = await poll(
		() => codeActionsAt(document.uri, new vscode.Range(position, position), kind),
		(fixes) => fixes.some((fix) => fix.title === title),
		{ what: `the quick fix "${title}" at \`${context}\`` },
	);
	return { fix: offered.find((fix) => fix.title === title)!, titles: offered.map((fix) => fix.title) };
}

function assertLines(onDisk: string, lines: string[]): void {
	const trimmed = onDisk.split('\n').map((line) => line.trim());
	for (const line of lines) {
		assert.ok(trimmed.includes(line), `the saved file lacks the line ${JSON.stringify(line)}:\n${onDisk}`);
	}
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

	it('a received 1001 in a close handler: "Reconnect with exponential backoff" (preferred) writes a reconnector into the saved file', async () => {
		const { document } = await openEditor('reconnectClient.ts');
		const { fix: reconnect, titles } = await waitForQuickFix(document, 'event.code === 1001', '1001', 'Reconnect with exponential backoff');
		assert.equal(reconnect.isPreferred, true, `the reconnect fix is not the preferred fix on a received 1001 (offered: ${titles.join(' | ')})`);

		const onDisk = await applyAndSave(document, reconnect);
		assertLines(onDisk, [
			'function createReconnector(options: {',
			'const reconnector = createReconnector({',
			'reconnector.track(socket, () => connect(url), url);',
			'retryCodes: [1001, 1006, 1011, 1012, 1013, 1014, 3008, 4408, 4429, 4500, 4502, 4503, 4504],',
			'if (event.code === 1001) {',
		]);
	});

	it('a received 1003 in a close handler: "Send text frames" rewrites the binary send() in the saved file', async () => {
		const { document } = await openEditor('binaryClient.ts');
		const { fix: sendText, titles } = await waitForQuickFix(document, 'event.code === 1003', '1003', 'Send text frames');
		// Every send() already sends binary: there is nothing for "Send binary frames" to change.
		assert.ok(!titles.includes('Send binary frames'), `offered: ${titles.join(' | ')}`);

		const onDisk = await applyAndSave(document, sendText);
		assertLines(onDisk, ["socket?.send('hello');"]);
		assert.ok(!onDisk.includes('TextEncoder'), `the saved file still sends binary:\n${onDisk}`);
	});

	it('a ws message handler without a type check: "Reject binary frames with 1003" (a refactor on its signature) adds the guard', async () => {
		const { document } = await openEditor('textOnlyServer.js');
		const { fix: reject } = await waitForQuickFix(document, "ws.on('message', (data) => {", 'message', 'Reject binary frames with 1003',
			vscode.CodeActionKind.RefactorRewrite);

		const onDisk = await applyAndSave(document, reject);
		assertLines(onDisk, [
			"ws.on('message', (data, isBinary) => {",
			'if (isBinary) {',
			"ws.close(1003, 'Binary frames are not supported');",
			'ws.send(`echo: ${data}`);',
		]);
	});
});
